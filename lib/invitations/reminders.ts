import { and, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, invitationSettings, isLiveInvitation, members, organizations } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { enqueueEmails, saveEmailTemplate } from "@/lib/email/outbox";
import { renderReminderTemplate } from "@/lib/email/templates/render-invitations";
import { formatLongDate } from "@/lib/format-date";
import { sealer } from "@/lib/sealed-text";
import { joinUrl } from "./issue-invitations";
import { hashToken } from "./token";

/**
 * Reminders (SPEC "Reminders"): each invitation gets at most one email, N days before its link
 * expires (the setup's reminderDaysBefore; null is off), carrying the same link.
 *
 * Only a join token's SHA-256 is stored, so the link cannot be rebuilt from it. When an invitation is
 * emailed, its token is also sealed (AES-256-GCM under a key derived from AUTH_SECRET, bound to the
 * invitation's id) into invitations.reminder_token_sealed. The pass below opens it, writes the link
 * into the reminder's outbox row and erases the sealed copy in the same transaction: from then on the
 * link lives only where the invitation email's own link does, in the outbox until it is sent. The
 * sealed copy is erased too when the link stops being remindable: joined (join.ts), replaced by a
 * resend or Copy invitation link (resend-invitations.ts; a copied link is not kept, it was never
 * emailed), revoked (remove-users.ts, leave-organization.ts), expired (below), or reminders turned off
 * (invitation-setup.ts). Invitations sent while reminders are off keep nothing and get no reminder.
 */
const purpose = "roster/invitation-reminder-token/v1";

/** Seals and opens invitations' tokens for their reminders, each bound to its invitation's id. */
export const reminderTokenSealer = (authSecret: string) => sealer({ purpose, authSecret });

/** Invitations of an organization (reminders turned off) no longer keep their link for a reminder. */
export async function forgetReminderTokens(db: Database, where: { organizationId: string }): Promise<void> {
  await db
    .update(invitations)
    .set({ reminderTokenSealed: null })
    .where(and(eq(invitations.organizationId, where.organizationId), isNotNull(invitations.reminderTokenSealed)));
}

/** How many due invitations one transaction of the pass takes. */
export const REMINDER_BATCH_SIZE = 200;

export type ReminderPass = { queued: number; unreadable: number };

/**
 * Queues the reminders that are due at `now`, in batches of up to `batchSize`, each one transaction
 * that locks its invitations and their users with FOR UPDATE SKIP LOCKED: passes running at once in
 * several workers or instances (and the cron route) take disjoint rows, and a row a join, resend or
 * removal holds is left for the next pass, which then finds it no longer due. Due: the link is live,
 * not expired, has its sealed token, its user is listed, not Enrolled and not reminded yet, and its
 * expiry is at most reminderDaysBefore days away. A link sent with fewer days to run than that is
 * due at once (the admin asked for a reminder that many days before it expires).
 */
export async function queueDueReminders(
  db: Database,
  options: { now: Date; authSecret: string; batchSize?: number },
): Promise<ReminderPass> {
  const { now } = options;
  const batchSize = options.batchSize ?? REMINDER_BATCH_SIZE;
  // Links that ran out before a reminder was due keep nothing.
  await db
    .update(invitations)
    .set({ reminderTokenSealed: null })
    .where(and(isNotNull(invitations.reminderTokenSealed), lte(invitations.expiresAt, now)));
  const total: ReminderPass = { queued: 0, unreadable: 0 };
  for (;;) {
    const batch = await queueReminderBatch(db, { ...options, batchSize });
    total.queued += batch.queued;
    total.unreadable += batch.unreadable;
    if (batch.taken < batchSize) return total;
  }
}

async function queueReminderBatch(
  db: Database,
  { now, authSecret, batchSize }: { now: Date; authSecret: string; batchSize: number },
): Promise<ReminderPass & { taken: number }> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        invitationId: invitations.id,
        tokenHash: invitations.tokenHash,
        sealed: invitations.reminderTokenSealed,
        expiresAt: invitations.expiresAt,
        organizationId: invitations.organizationId,
        memberId: members.id,
        firstName: members.firstName,
        email: members.email,
      })
      .from(invitations)
      .innerJoin(members, eq(members.id, invitations.memberId))
      .innerJoin(invitationSettings, eq(invitationSettings.organizationId, invitations.organizationId))
      .where(
        and(
          isNotNull(invitations.reminderTokenSealed),
          isLiveInvitation(invitations),
          gt(invitations.expiresAt, now),
          isNull(members.removedAt),
          isNull(members.enrolledAt),
          // Re-checked on the locked row: a pass that committed first has set it.
          isNull(members.reminderSentAt),
          isNotNull(invitationSettings.reminderDaysBefore),
          sql`${invitations.expiresAt} - make_interval(days => ${invitationSettings.reminderDaysBefore}) <= ${now.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(invitations.expiresAt)
      .limit(batchSize)
      .for("update", { of: [members, invitations], skipLocked: true });
    if (due.length === 0) return { queued: 0, unreadable: 0, taken: 0 };

    const tokens = reminderTokenSealer(authSecret);
    const readable = due.flatMap((row) => {
      try {
        const token = tokens.open(row.sealed!, row.invitationId);
        return hashToken(token) === row.tokenHash ? [{ ...row, token }] : [];
      } catch {
        return []; // AUTH_SECRET changed since it was sealed: no reminder, the invitation still works
      }
    });
    await tx
      .update(invitations)
      .set({ reminderTokenSealed: null })
      .where(inArray(invitations.id, due.map((row) => row.invitationId)));
    if (readable.length > 0) {
      await tx
        .update(members)
        .set({ reminderSentAt: now })
        .where(inArray(members.id, readable.map((row) => row.memberId)));
      for (const organizationId of new Set(readable.map((row) => row.organizationId))) {
        await queueReminders(tx, organizationId, readable.filter((row) => row.organizationId === organizationId), now);
      }
    }
    if (readable.length < due.length) {
      console.error(`Reminders: ${due.length - readable.length} kept link(s) could not be read (was AUTH_SECRET changed?); no reminder sent for them`);
    }
    return { queued: readable.length, unreadable: due.length - readable.length, taken: due.length };
  });
}

async function queueReminders(
  tx: Database,
  organizationId: string,
  rows: { invitationId: string; memberId: string; firstName: string; email: string; token: string; expiresAt: Date }[],
  now: Date,
): Promise<void> {
  const [setup] = await tx
    .select({ organizationName: organizations.name, contactEmail: invitationSettings.contactEmail, customMessage: invitationSettings.customMessage })
    .from(organizations)
    .innerJoin(invitationSettings, eq(invitationSettings.organizationId, organizations.id))
    .where(eq(organizations.id, organizationId));
  const template = await renderReminderTemplate(setup!);
  const templateId = await saveEmailTemplate(tx, template);
  await enqueueEmails(
    tx,
    rows.map((row) => ({
      kind: "reminder" as const,
      to: row.email,
      subject: template.subject,
      templateId,
      variables: { inviteeFirstName: row.firstName, joinUrl: joinUrl(row.token), expiresOn: formatLongDate(row.expiresAt) },
      replyTo: setup!.contactEmail,
      organizationId,
      memberId: row.memberId,
      invitationId: row.invitationId,
    })),
  );
  await recordAuditEvents(
    tx,
    rows.map((row) => ({
      organizationId,
      actorEmail: null,
      action: "user.invitation_reminded" as const,
      memberId: row.memberId,
      details: { email: row.email, expiresAt: row.expiresAt.toISOString() },
      createdAt: now,
    })),
  );
}
