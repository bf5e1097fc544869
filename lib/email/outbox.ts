import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emails, type Email } from "@/db/schema";
import { ConfigurationError, emailFrom, emailTransport } from "@/lib/config";
import { sendThroughResend } from "./resend-transport";

/**
 * The one mail module. Every email (sign-in links, invitations) is first written to the `emails`
 * table, in the same transaction as whatever it announces, and then delivered: captured in
 * development (shown at /dev/mailbox) or sent through Resend.
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

/** A message that fails this many times is marked failed; "Resend invitation" makes a new one. */
export const MAX_DELIVERY_ATTEMPTS = 5;

export async function enqueueEmails(db: Database, messages: OutgoingEmail[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const transport = emailTransport().kind;
  const from = emailFrom();
  const rows = await db
    .insert(emails)
    .values(
      messages.map((message) => ({
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
  return rows.map((row) => row.id);
}

export type DeliveryReport = { sent: number; failed: number; retrying: number };

/** Delivers the given queued emails. Safe to call twice: only rows still queued are sent. */
export async function deliverEmails(db: Database, ids: string[], now: () => Date = () => new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0 };
  if (ids.length === 0) return report;
  const queued = await db
    .select()
    .from(emails)
    .where(and(inArray(emails.id, ids), eq(emails.status, "queued")));

  for (const email of queued) {
    if (email.transport === "capture") {
      // Captured mail keeps its bodies: the development mailbox shows them.
      await db
        .update(emails)
        .set({ status: "sent", sentAt: now(), attempts: email.attempts + 1 })
        .where(and(eq(emails.id, email.id), eq(emails.status, "queued")));
      report.sent++;
      continue;
    }
    const transport = emailTransport();
    if (transport.kind !== "resend") {
      throw new ConfigurationError("An email was queued for Resend, but RESEND_API_KEY is no longer set.");
    }
    const result = await sendThroughResend(transport.apiKey, {
      id: email.id,
      from: email.fromAddress,
      to: email.toAddress,
      subject: email.subject,
      html: email.html ?? "",
      text: email.text ?? "",
      replyTo: email.replyTo,
    });
    if (result.ok) {
      // The bodies carry a live link: once the provider has the message we no longer keep it.
      await db
        .update(emails)
        .set({
          status: "sent",
          sentAt: now(),
          providerMessageId: result.providerMessageId,
          html: null,
          text: null,
          attempts: email.attempts + 1,
          lastError: null,
        })
        .where(and(eq(emails.id, email.id), eq(emails.status, "queued")));
      report.sent++;
    } else {
      const attempts = email.attempts + 1;
      const giveUp = !result.retryable || attempts >= MAX_DELIVERY_ATTEMPTS;
      await db
        .update(emails)
        .set({ attempts, lastError: result.error, ...(giveUp ? { status: "failed" as const, html: null, text: null } : {}) })
        .where(and(eq(emails.id, email.id), eq(emails.status, "queued")));
      if (giveUp) report.failed++;
      else report.retrying++;
    }
  }
  return report;
}

/** Cancels emails not yet handed to a provider, erasing the link they carry. */
export async function cancelQueuedEmails(db: Database, where: { memberIds: string[] }): Promise<number> {
  if (where.memberIds.length === 0) return 0;
  const cancelled = await db
    .update(emails)
    .set({ status: "cancelled", html: null, text: null })
    .where(and(inArray(emails.memberId, where.memberIds), eq(emails.status, "queued"), isNotNull(emails.memberId)))
    .returning({ id: emails.id });
  return cancelled.length;
}
