import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailBatches, emails, emailTemplates, type Email } from "@/db/schema";
import { insertRows } from "@/lib/bulk-insert";
import { emailFrom, emailTransport } from "@/lib/config";
import { bodiesOf, type BodyTemplate, type EmailBodies } from "./email-template";

/**
 * The one mail module's front door. Every email (sign-in links, invitations) is written to the
 * `emails` table in the same transaction as whatever it announces; the delivery worker
 * (delivery-worker.ts) then sends it: captured for /dev/mailbox in development, or through Resend.
 */

export type OutgoingEmail = {
  kind: Email["kind"];
  to: string;
  subject: string;
  replyTo?: string | null;
  organizationId?: string;
  memberId?: string;
  invitationId?: string;
  sendId?: string;
} & ({ html: string; text: string } | { templateId: string; variables: Record<string, string> });

/** Stores a body shared by many emails (see `emailTemplates`); returns its id for `enqueueEmails`. */
export async function saveEmailTemplate(db: Database, template: BodyTemplate): Promise<string> {
  const [row] = await db
    .insert(emailTemplates)
    .values({ html: template.html, text: template.text, placeholders: template.placeholders })
    .returning({ id: emailTemplates.id });
  return row!.id;
}

export async function enqueueEmails(db: Database, messages: OutgoingEmail[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const transport = emailTransport().kind;
  const from = emailFrom();
  const rows = await insertRows(
    db,
    emails,
    messages.map((message) => ({
      kind: message.kind,
      transport,
      fromAddress: from,
      toAddress: message.to,
      replyTo: message.replyTo ?? null,
      subject: message.subject,
      ...("templateId" in message
        ? { templateId: message.templateId, variables: message.variables }
        : { html: message.html, text: message.text }),
      organizationId: message.organizationId,
      memberId: message.memberId,
      invitationId: message.invitationId,
      sendId: message.sendId,
    })),
  );
  return rows.map((row) => row.id);
}

/** What an email keeps of its bodies once they may no longer be sent: nothing, for they hold a link. */
export const ERASED_BODIES = { html: null, text: null, variables: null };

/**
 * Cancels the members' emails that no provider has seen yet, erasing the link they carry. An email
 * in a batch already attempted is left alone: its batch must stay the same for its idempotency key
 * to hold, and its link is revoked anyway.
 */
export async function cancelQueuedEmails(db: Database, where: { memberIds: string[]; kind?: Email["kind"] }): Promise<number> {
  if (where.memberIds.length === 0) return 0;
  const neverAttempted = db
    .select({ id: emailBatches.id })
    .from(emailBatches)
    .where(eq(emailBatches.attempts, 0))
    .for("update");
  const cancelled = await db
    .update(emails)
    .set({ status: "cancelled", ...ERASED_BODIES })
    .where(
      and(
        inArray(emails.memberId, where.memberIds),
        where.kind ? eq(emails.kind, where.kind) : undefined,
        eq(emails.status, "queued"),
        or(isNull(emails.batchId), inArray(emails.batchId, neverAttempted)),
      ),
    )
    .returning({ id: emails.id });
  return cancelled.length;
}

/** Stored emails as they read: each with its bodies, filled in from its template where it has one. */
export async function withBodies<Row extends Email>(db: Database, rows: Row[]): Promise<(Row & EmailBodies)[]> {
  const templateIds = [...new Set(rows.flatMap((row) => (row.templateId ? [row.templateId] : [])))];
  const templates = templateIds.length ? await db.select().from(emailTemplates).where(inArray(emailTemplates.id, templateIds)) : [];
  const byId = new Map(templates.map((template) => [template.id, template]));
  return rows.map((row) => ({ ...row, ...bodiesOf(row, row.templateId ? byId.get(row.templateId) : null) }));
}
