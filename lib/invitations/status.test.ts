import { describe, expect, it } from "vitest";
import { invitationState } from "./invitation-state";
import { deriveStatus } from "./status";

const now = new Date("2026-11-23T12:00:00Z");
const later = new Date("2026-11-24T12:00:00Z");
const earlier = new Date("2026-11-22T12:00:00Z");

describe("user status", () => {
  it("is Pending while the newest invitation is unexpired and unused", () => {
    expect(deriveStatus({ enrolledAt: null, invitationExpiresAt: later }, now)).toBe("pending");
  });
  it("is Expired once the newest invitation's expiry has passed, at the exact instant too", () => {
    expect(deriveStatus({ enrolledAt: null, invitationExpiresAt: earlier }, now)).toBe("expired");
    expect(deriveStatus({ enrolledAt: null, invitationExpiresAt: now }, now)).toBe("expired");
  });
  it("is Enrolled after joining, whatever the expiry", () => {
    expect(deriveStatus({ enrolledAt: earlier, invitationExpiresAt: earlier }, now)).toBe("enrolled");
  });
});

describe("invitation link state", () => {
  const live = { usedAt: null, replacedAt: null, revokedAt: null, expiresAt: later };
  it("is valid while unused, unreplaced, unrevoked and unexpired", () => {
    expect(invitationState(live, now)).toBe("valid");
  });
  it("names what happened to a dead link", () => {
    expect(invitationState({ ...live, usedAt: earlier }, now)).toBe("used");
    expect(invitationState({ ...live, replacedAt: earlier }, now)).toBe("replaced");
    expect(invitationState({ ...live, revokedAt: earlier }, now)).toBe("revoked");
    expect(invitationState({ ...live, expiresAt: earlier }, now)).toBe("expired");
  });
  it("says used rather than expired for a link that was used before it expired", () => {
    expect(invitationState({ ...live, usedAt: earlier, expiresAt: earlier }, now)).toBe("used");
  });
});
