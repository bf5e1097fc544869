import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailBatches, emails, type Email } from "@/db/schema";
import { chunks } from "@/lib/chunks";
import { emailFrom, emailTransport } from "@/lib/config";

/**
 * The one mail module's front door. Every email (sign-in links, invitations) is written to the
 * `emails` table in the same transaction as whatever it announces; the delivery worker
 * (delivery-worker.ts) then sends it: captured for /dev/mailbox in development, or through Resend.
 */

export type OutgoingEmail = {
  kind: Email["kind"];
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo?: string | null;
  organizationId?: string;
  memberId?: string;
  invitationId?: string;
};

export async function enqueueEmails(db: Database, messages: OutgoingEmail[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const transport = emailTransport().kind;
  const from = emailFrom();
  const ids: string[] = [];
  for (const slice of chunks(messages)) {
    const rows = await db
      .insert(emails)
      .values(
        slice.map((message) => ({
          kind: message.kind,
          transport,
          fromAddress: from,
          toAddress: message.to,
          replyTo: message.replyTo ?? null,
          subject: message.subject,
          html: message.html,
          text: message.text,
          organizationId: message.organizationId,
          memberId: message.memberId,
          invitationId: message.invitationId,
        })),
      )
      .returning({ id: emails.id });
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/**
 * Cancels the members' emails that no provider has seen yet, erasing the link they carry. An email
 * in a batch already attempted is left alone: its batch must stay the same for its idempotency key
 * to hold, and its link is revoked anyway.
 */
export async function cancelQueuedEmails(db: Database, where: { memberIds: string[] }): Promise<number> {
  if (where.memberIds.length === 0) return 0;
  const neverAttempted = db
    .select({ id: emailBatches.id })
    .from(emailBatches)
    .where(eq(emailBatches.attempts, 0))
    .for("update");
  const cancelled = await db
    .update(emails)
    .set({ status: "cancelled", html: null, text: null })
    .where(
      and(
        inArray(emails.memberId, where.memberIds),
        eq(emails.status, "queued"),
        or(isNull(emails.batchId), inArray(emails.batchId, neverAttempted)),
      ),
    )
    .returning({ id: emails.id });
  return cancelled.length;
}
