import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Text kept encrypted at rest (AES-256-GCM) under a key derived from AUTH_SECRET by HKDF-SHA256. Each
 * use has its own `purpose` (the HKDF label, so one use's key opens nothing of another's) and binds
 * each value to the row it belongs to (`boundTo`, authenticated data), so a value copied onto another
 * row does not open. Webhook signing secrets and the join links kept for reminders use it.
 */
export type SealingKey = { purpose: string; authSecret: string };

const VERSION = "v1";

function keyFrom({ purpose, authSecret }: SealingKey): Buffer {
  if (!authSecret) throw new Error(`No AUTH_SECRET to derive the key of ${purpose} from`);
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), purpose, 32));
}

export type Sealer = { seal(text: string, boundTo: string): string; open(sealed: string, boundTo: string): string };

/** Derives the key once, for sealing or opening many values (say, 10,000 invitations' links). */
export function sealer(key: SealingKey): Sealer {
  const derived = keyFrom(key);
  return {
    /** `v1.<iv>.<tag>.<ciphertext>` (base64url), with a fresh IV each time. */
    seal(text, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", derived, iv);
      cipher.setAAD(Buffer.from(boundTo));
      const ciphertext = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
    },
    /** Throws when the sealed text was changed, is bound to another row, or AUTH_SECRET changed. */
    open(sealed, boundTo) {
      const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) {
        throw new Error(`The stored ${key.purpose} value is not in a form this version reads`);
      }
      const decipher = createDecipheriv("aes-256-gcm", derived, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(boundTo));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}

export const sealText = (text: string, boundTo: string, key: SealingKey): string => sealer(key).seal(text, boundTo);
export const openSealedText = (sealed: string, boundTo: string, key: SealingKey): string => sealer(key).open(sealed, boundTo);
