import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { hashToken } from "@/lib/invitations/token";

/** `rst_` and 32 random bytes in base64url (43 characters). */
export const API_KEY_PATTERN = /^rst_[A-Za-z0-9_-]{43}$/;

/** A busy key's last use is written at most this often. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiKeyListing = { id: string; name: string; createdAt: Date; createdBy: string; lastUsedAt: Date | null };
/** Who acts when a request carries this key: its organization, named by the key in the Activity log. */
export type ApiKeyPrincipal = { id: string; name: string; organizationId: string };

/** Makes the secret and the hash to store together: the secret is returned once and never stored. */
export function createApiKeySecret(random: () => Buffer = () => randomBytes(32)): { secret: string; tokenHash: string } {
  const secret = `rst_${random().toString("base64url")}`;
  return { secret, tokenHash: hashToken(secret) };
}

/** Creates a key for the organization and records it in the Activity log; the secret is shown once. */
export async function createApiKey(
  db: Database,
  input: { organizationId: string; name: string; actorEmail: string; now: Date; random?: () => Buffer },
): Promise<{ id: string; name: string; secret: string }> {
  const { secret, tokenHash } = createApiKeySecret(input.random);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({ organizationId: input.organizationId, name: input.name, tokenHash, createdBy: input.actorEmail, createdAt: input.now })
      .returning({ id: apiKeys.id, name: apiKeys.name });
    await recordAuditEvents(tx, [
      {
        organizationId: input.organizationId,
        actorEmail: input.actorEmail,
        action: "api_key.created",
        details: { apiKeyId: created!.id, name: created!.name },
        createdAt: input.now,
      },
    ]);
    return { ...created!, secret };
  });
}

/**
 * Revokes one of the organization's keys: its next request is refused. False when the organization
 * has no such live key (another organization's, or already revoked).
 */
export async function revokeApiKey(
  db: Database,
  input: { organizationId: string; apiKeyId: string; actorEmail: string; now: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: input.now })
      .where(and(eq(apiKeys.id, input.apiKeyId), eq(apiKeys.organizationId, input.organizationId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name });
    if (!revoked) return false;
    await recordAuditEvents(tx, [
      {
        organizationId: input.organizationId,
        actorEmail: input.actorEmail,
        action: "api_key.revoked",
        details: { apiKeyId: revoked.id, name: revoked.name },
        createdAt: input.now,
      },
    ]);
    return true;
  });
}

/** The organization's live keys, newest first (revoked keys are no longer listed). */
export function listApiKeys(db: Database, organizationId: string): Promise<ApiKeyListing[]> {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, createdAt: apiKeys.createdAt, createdBy: apiKeys.createdBy, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.organizationId, organizationId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/**
 * The live key a Bearer secret names, or null (unknown, malformed or revoked: the caller cannot tell
 * which). Its last use is written when the stored one is a minute old or more, in the same statement.
 */
export async function authenticateApiKey(db: Database, secret: string, now: Date): Promise<ApiKeyPrincipal | null> {
  if (!API_KEY_PATTERN.test(secret)) return null;
  const tokenHash = hashToken(secret);
  const live = and(eq(apiKeys.tokenHash, tokenHash), isNull(apiKeys.revokedAt))!;
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  const [touched] = await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(live, or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))))
    .returning({ id: apiKeys.id, name: apiKeys.name, organizationId: apiKeys.organizationId });
  if (touched) return touched;
  const [found] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, organizationId: apiKeys.organizationId })
    .from(apiKeys)
    .where(live);
  return found ?? null;
}

