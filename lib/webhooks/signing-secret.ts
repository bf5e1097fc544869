import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * An endpoint's Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64, the form the
 * `standardwebhooks` package reads. Shown to the admin once; stored only encrypted (AES-256-GCM) with
 * a key derived from AUTH_SECRET, bound to its endpoint's id, and decrypted only to sign a delivery.
 */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

const KEY_INFO = "roster/webhook-signing-secret/v1";
const VERSION = "v1";

function keyFrom(authSecret: string): Buffer {
  if (!authSecret) throw new Error("No AUTH_SECRET to derive the webhook secret key from");
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), KEY_INFO, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url); the endpoint id is authenticated data. */
export function encryptSigningSecret(secret: string, endpointId: string, authSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(authSecret), iv);
  cipher.setAAD(Buffer.from(endpointId));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Throws when the ciphertext was changed, belongs to another endpoint, or AUTH_SECRET changed. */
export function decryptSigningSecret(stored: string, endpointId: string, authSecret: string): string {
  const [version, iv, tag, ciphertext, ...rest] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) {
    throw new Error("The stored webhook secret is not in a form this version reads");
  }
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(authSecret), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(endpointId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
