import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes in base64url: 43 characters, 256 bits of entropy. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type TokenGenerator = () => Buffer;
const secureRandom: TokenGenerator = () => randomBytes(32);

/**
 * Makes a token and the hash to store, together, so the emailed token and the stored hash
 * cannot drift apart. The raw token goes into the email and nowhere else.
 */
export function createInvitationToken(random: TokenGenerator = secureRandom): { token: string; tokenHash: string } {
  const token = random().toString("base64url");
  return { token, tokenHash: hashToken(token) };
}
