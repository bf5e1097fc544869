import { describe, expect, it } from "vitest";
import { createInvitationToken, hashToken, INVITATION_TOKEN_PATTERN } from "./token";

describe("invitation tokens", () => {
  it("are 32 random bytes in base64url, 43 characters", () => {
    const { token } = createInvitationToken();
    expect(token).toMatch(INVITATION_TOKEN_PATTERN);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("store only the SHA-256 of the token, which matches the emailed token", () => {
    const { token, tokenHash } = createInvitationToken();
    expect(tokenHash).toBe(hashToken(token));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token);
  });

  it("are different every time", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => createInvitationToken().token));
    expect(tokens.size).toBe(1000);
  });

  it("use the generator they are given, so tests can fix them", () => {
    const fixed = () => Buffer.alloc(32, 7);
    expect(createInvitationToken(fixed).token).toBe(Buffer.alloc(32, 7).toString("base64url"));
  });
});
