import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailDeliveryEvents, emails, members, type EmailStatus } from "@/db/schema";

/** One moment in an email's life, oldest first: what happened, when, and the provider's or our words. */
export type DeliveryStep = {
  what: "queued" | "sent" | "delivered" | "bounced" | "complained" | "delivery_delayed" | "failed" | "cancelled";
  at: Date | null;
  detail: string | null;
};

/** One invitation email to a user, as the Delivery details dialog shows it. */
export type DeliveredEmail = {
  id: string;
  subject: string;
  toAddress: string;
  status: EmailStatus;
  attempts: number;
  providerMessageId: string | null;
  /** The newest error a send attempt met, while retrying or after giving up. */
  lastError: string | null;
  steps: DeliveryStep[];
};

/** The most emails listed for one user: a person resent to every minute for an hour stays readable. */
export const MAX_DETAILED_EMAILS = 50;

/**
 * The history of a user's invitation emails, newest first (Delivery details): queued, sent with the
 * provider's id, then each event the provider reported (delivered, bounced with its reason,
 * complained, delayed), and failed with the last error or cancelled. Scoped to the organization: a
 * user of another one has no emails here. Sign-in emails are not a user's invitations and are left out.
 */
export async function deliveryDetails(db: Database, input: { organizationId: string; memberId: string }): Promise<DeliveredEmail[]> {
  const rows = await db
    .select({
      id: emails.id,
      subject: emails.subject,
      toAddress: emails.toAddress,
      status: emails.status,
      attempts: emails.attempts,
      providerMessageId: emails.providerMessageId,
      lastError: emails.lastError,
      createdAt: emails.createdAt,
      sentAt: emails.sentAt,
    })
    .from(emails)
    .innerJoin(members, eq(members.id, emails.memberId))
    .where(and(eq(emails.memberId, input.memberId), eq(members.organizationId, input.organizationId), ne(emails.kind, "sign_in")))
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(MAX_DETAILED_EMAILS);
  if (rows.length === 0) return [];

  const events = await db
    .select()
    .from(emailDeliveryEvents)
    .where(inArray(emailDeliveryEvents.emailId, rows.map((row) => row.id)))
    .orderBy(asc(emailDeliveryEvents.occurredAt), asc(emailDeliveryEvents.id));

  return rows.map((row) => {
    const steps: DeliveryStep[] = [{ what: "queued", at: row.createdAt, detail: null }];
    if (row.sentAt) steps.push({ what: "sent", at: row.sentAt, detail: row.providerMessageId });
    for (const event of events) {
      if (event.emailId === row.id) steps.push({ what: event.type as DeliveryStep["what"], at: event.occurredAt, detail: event.detail });
    }
    // When an email failed or was cancelled is not recorded apart: the step says so, without a time.
    if (row.status === "failed") steps.push({ what: "failed", at: null, detail: row.lastError });
    if (row.status === "cancelled") steps.push({ what: "cancelled", at: null, detail: null });
    return {
      id: row.id,
      subject: row.subject,
      toAddress: row.toAddress,
      status: row.status,
      attempts: row.attempts,
      providerMessageId: row.providerMessageId,
      lastError: row.lastError,
      steps,
    };
  });
}
