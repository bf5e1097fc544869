import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, emails, invitations, isLiveInvitation, sends, type SendKind } from "@/db/schema";
import type { UsersView } from "@/lib/users/user-selection";
import type { SendCounts, SendProgressReading } from "./send-outcome";

export type SendSummary = {
  id: string;
  kind: SendKind;
  createdAt: Date;
  /** Who sent it: an admin's address, or the API key's name. */
  actorEmail: string | null;
  actorApiKeyName: string | null;
  counts: SendCounts;
};

/** The send's counts, or null when it is not a send of this organization. One indexed read of its emails. */
export async function sendCounts(db: Database, organizationId: string, sendId: string): Promise<SendCounts | null> {
  const [counts] = await db
    .select({
      total: sql<number>`count(${emails.id})`.mapWith(Number),
      queued: sql<number>`count(*) filter (where ${emails.status} = 'queued')`.mapWith(Number),
      sent: sql<number>`count(*) filter (where ${emails.status} in ('sent', 'delivered', 'bounced'))`.mapWith(Number),
      delivered: sql<number>`count(*) filter (where ${emails.status} = 'delivered')`.mapWith(Number),
      bounced: sql<number>`count(*) filter (where ${emails.status} = 'bounced')`.mapWith(Number),
      failed: sql<number>`count(*) filter (where ${emails.status} = 'failed')`.mapWith(Number),
      cancelled: sql<number>`count(*) filter (where ${emails.status} = 'cancelled')`.mapWith(Number),
      joined: sql<number>`count(*) filter (where ${invitations.usedAt} is not null)`.mapWith(Number),
    })
    .from(sends)
    .leftJoin(emails, eq(emails.sendId, sends.id))
    .leftJoin(invitations, eq(invitations.id, emails.invitationId))
    .where(and(eq(sends.id, sendId), eq(sends.organizationId, organizationId)))
    .groupBy(sends.id);
  return counts ?? null;
}

/**
 * What a progress bar reads once a second while the send is going: its size and how many of its
 * emails are still queued, one short index range scan (emails_send_status, the queued entries only,
 * fewer each second); the whole counts only once none is queued. Null for another organization's send.
 */
export async function readSendProgress(db: Database, organizationId: string, sendId: string): Promise<SendProgressReading | null> {
  const [send] = await db
    .select({ total: sends.recipients })
    .from(sends)
    .where(and(eq(sends.id, sendId), eq(sends.organizationId, organizationId)));
  if (!send) return null;
  const queued = await db.$count(emails, and(eq(emails.sendId, sendId), eq(emails.status, "queued")));
  if (queued > 0) return { total: send.total, queued, counts: null };
  const counts = await sendCounts(db, organizationId, sendId);
  return counts ? { total: counts.total, queued: counts.queued, counts } : null;
}

/** A send of the organization, who sent it and its counts; null when it is not one of its sends. */
export async function getSend(db: Database, organizationId: string, sendId: string): Promise<SendSummary | null> {
  const [send] = await db
    .select({ id: sends.id, kind: sends.kind, createdAt: sends.createdAt, actorEmail: sends.actorEmail, actorApiKeyName: apiKeys.name })
    .from(sends)
    .leftJoin(apiKeys, eq(apiKeys.id, sends.actorApiKeyId))
    .where(and(eq(sends.id, sendId), eq(sends.organizationId, organizationId)));
  if (!send) return null;
  const counts = await sendCounts(db, organizationId, sendId);
  return counts ? { ...send, counts } : null;
}

/** The send's users still Pending or Expired, as a Users table view: whom Resend to those who have not joined reaches. */
export const notJoinedView = (sendId: string): UsersView => ({ q: "", status: ["pending", "expired"], send: sendId });

/** How long the Users page keeps showing an admin's latest send, unless they dismiss it. */
const WATCHED_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * The send the Users page shows its admin: their newest one in this organization from the last day,
 * unless they dismissed it. Leaving and coming back finds the same one.
 */
export async function sendToWatch(db: Database, input: { organizationId: string; userId: string; now: Date }): Promise<SendSummary | null> {
  const [latest] = await db
    .select({ id: sends.id, dismissedAt: sends.dismissedAt })
    .from(sends)
    .where(
      and(
        eq(sends.organizationId, input.organizationId),
        eq(sends.actorUserId, input.userId),
        gt(sends.createdAt, new Date(input.now.getTime() - WATCHED_FOR_MS)),
      ),
    )
    .orderBy(desc(sends.createdAt))
    .limit(1);
  if (!latest || latest.dismissedAt) return null;
  return getSend(db, input.organizationId, latest.id);
}

/** The admin closes their send's outcome on the Users page. False when it is not theirs to close. */
export async function dismissSend(db: Database, input: { organizationId: string; userId: string; sendId: string; now: Date }): Promise<boolean> {
  const dismissed = await db
    .update(sends)
    .set({ dismissedAt: input.now })
    .where(and(eq(sends.id, input.sendId), eq(sends.organizationId, input.organizationId), eq(sends.actorUserId, input.userId)))
    .returning({ id: sends.id });
  return dismissed.length > 0;
}

/**
 * Retry failed: the send's failed emails go back in the outbox as they were, with the same links, for
 * the workers to send again from a fresh batch (a new idempotency key: the provider sent none of them).
 * Only emails whose link still works are retried: one since used, replaced, revoked or expired would
 * deliver a dead link. Returns how many were queued again and how many were left.
 */
export async function retryFailedEmails(
  db: Database,
  input: { organizationId: string; sendId: string; now: Date },
): Promise<{ retried: number; deadLinks: number }> {
  return db.transaction(async (tx) => {
    const failed = and(eq(emails.sendId, input.sendId), eq(emails.organizationId, input.organizationId), eq(emails.status, "failed"));
    const retried = await tx
      .update(emails)
      .set({ status: "queued", batchId: null, attempts: 0, lastError: null })
      .from(invitations)
      .where(
        and(
          failed,
          eq(invitations.id, emails.invitationId),
          isLiveInvitation(invitations),
          gt(invitations.expiresAt, input.now),
          sql`(${emails.variables} is not null or ${emails.html} is not null)`,
        ),
      )
      .returning({ id: emails.id });
    const deadLinks = await tx.$count(emails, failed);
    return { retried: retried.length, deadLinks };
  });
}
