import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, emails, invitations, members } from "@/db/schema";

/**
 * Whether the transaction that removed the user (the one that wrote its user.removed audit event)
 * was the last to change the user's row: compared by xmin, the id of a row version's writing
 * transaction, because timestamps passed in by callers do not tell which commit came last.
 */
export async function removalWasLastChange(db: Database, memberId: string): Promise<boolean> {
  const [member] = await db.select({ writer: sql<string>`xmin::text` }).from(members).where(eq(members.id, memberId));
  const [removal] = await db
    .select({ writer: sql<string>`xmin::text` })
    .from(auditEvents)
    .where(and(eq(auditEvents.memberId, memberId), eq(auditEvents.action, "user.removed")));
  return Boolean(member && removal && member.writer === removal.writer);
}

/** Audit events of these members, counted by action. */
export async function auditCounts(db: Database, memberIds: string[]): Promise<Record<string, number>> {
  if (memberIds.length === 0) return {};
  const rows = await db
    .select({ action: auditEvents.action, count: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(inArray(auditEvents.memberId, memberIds))
    .groupBy(auditEvents.action);
  return Object.fromEntries(rows.map((row) => [row.action, row.count]));
}

/**
 * What must hold for every user of an organization whatever ran concurrently (SPEC "Guarantees"):
 * one listed user per address; a removed user has no working link and no email waiting; a listed
 * user who is not Enrolled has exactly one live link, whose expiry is the one the table shows, and
 * at most one email waiting, for that link; an Enrolled user's link was used and none is live.
 */
export async function expectConsistentOrganization(db: Database, organizationId: string): Promise<void> {
  const duplicates = await db
    .select({ email: members.email, count: sql<number>`count(*)::int` })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), isNull(members.removedAt)))
    .groupBy(members.email)
    .having(sql`count(*) > 1`);
  expect(duplicates, "more than one listed user per address").toEqual([]);

  const everyone = await db.select().from(members).where(eq(members.organizationId, organizationId));
  const ids = everyone.map((member) => member.id);
  if (ids.length === 0) return;
  const allInvitations = await db.select().from(invitations).where(inArray(invitations.memberId, ids));
  const waiting = await db
    .select({ memberId: emails.memberId, invitationId: emails.invitationId })
    .from(emails)
    .where(and(inArray(emails.memberId, ids), eq(emails.status, "queued")));

  for (const member of everyone) {
    const own = allInvitations.filter((invitation) => invitation.memberId === member.id);
    const live = own.filter((invitation) => !invitation.usedAt && !invitation.replacedAt && !invitation.revokedAt);
    const used = own.filter((invitation) => invitation.usedAt);
    const queued = waiting.filter((email) => email.memberId === member.id);
    const who = `${member.email} (${member.id})`;
    expect(used.length, `${who}: used links`).toBe(member.enrolledAt ? 1 : 0);
    if (member.removedAt) {
      expect(live, `${who}: removed but a link still works`).toEqual([]);
      expect(queued, `${who}: removed but an email still waits`).toEqual([]);
      if (member.enrolledAt) expect(member.enrolledAt.getTime(), `${who}: enrolled after removal`).toBeLessThanOrEqual(member.removedAt.getTime());
    } else if (member.enrolledAt) {
      expect(live, `${who}: Enrolled but a link still works`).toEqual([]);
    } else {
      expect(live, `${who}: Pending/Expired needs exactly one live link`).toHaveLength(1);
      expect(live[0]!.expiresAt, `${who}: shown expiry`).toEqual(member.invitationExpiresAt);
      // Delivery workers may have sent it already; what still waits is for the live link only.
      expect(queued.filter((email) => email.invitationId !== live[0]!.id), `${who}: an email for a dead link waits`).toEqual([]);
      expect(queued.length, `${who}: more than one email waits`).toBeLessThanOrEqual(1);
    }
  }
}
