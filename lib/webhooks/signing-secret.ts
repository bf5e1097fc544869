import { randomBytes } from "node:crypto";
import { openSealedText, sealText } from "@/lib/sealed-text";

/**
 * An endpoint's Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64, the form the
 * `standardwebhooks` package reads. Shown to the admin once; stored only sealed (lib/sealed-text.ts: AES-256-GCM with
 * a key derived from AUTH_SECRET), bound to its endpoint's id, and decrypted only to sign a delivery.
 */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

const purpose = "roster/webhook-signing-secret/v1";

/** `v1.<iv>.<tag>.<ciphertext>` (base64url); the endpoint id is authenticated data. */
export function encryptSigningSecret(secret: string, endpointId: string, authSecret: string): string {
  return sealText(secret, endpointId, { purpose, authSecret });
}

/** Throws when the ciphertext was changed, belongs to another endpoint, or AUTH_SECRET changed. */
export function decryptSigningSecret(stored: string, endpointId: string, authSecret: string): string {
  return openSealedText(stored, endpointId, { purpose, authSecret });
}
