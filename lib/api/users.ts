import { z } from "@/lib/validation/zod";
import type { Database } from "@/db/client";
import { findUserObjects, type UserObject } from "@/lib/users/user-object";
import type { ApiKeyPrincipal } from "@/lib/api-keys/api-keys";
import type { Inviter } from "@/lib/invitations/issue-invitations";
import { apiKeyInvitationBudget } from "@/lib/rate-limit/abuse-limits";
import { notFoundProblem, problem } from "./problem";

/** The user a path's {id} names, in the key's organization and listed; null answers 404 (not a UUID, another organization's, removed). */
export async function findUserOfKey(db: Database, apiKey: ApiKeyPrincipal, id: string, now: Date): Promise<UserObject | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [user] = await findUserObjects(db, apiKey.organizationId, [id], now);
  return user ?? null;
}

export const userNotFound = () => notFoundProblem("There is no such user in this organization.");

/**
 * An API key sends invitations for its organization: the email names no person ("You are invited to
 * join <organization>"), the Activity log names the key.
 */
export const inviterOfKey = (apiKey: ApiKeyPrincipal): Inviter => ({
  userId: null,
  email: null,
  displayName: null,
  apiKeyId: apiKey.id,
});

/** The key's own hourly invitation budget, as an admin has one. */
export const invitationLimitOfKey = (apiKey: ApiKeyPrincipal, recipients: number, now: Date) => ({
  adminUserId: apiKeyInvitationBudget(apiKey.id),
  recipients,
  now,
});

/** A refusal with a wait: 429 and Retry-After. */
export const tooManyProblem = (detail: string, retryAfterSeconds: number | null) =>
  problem(429, "rate-limited", detail, retryAfterSeconds === null ? {} : { headers: { "Retry-After": String(retryAfterSeconds) } });
