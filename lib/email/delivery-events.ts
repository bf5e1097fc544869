import { and, eq, inArray, TransactionRollbackError } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { z } from "@/lib/validation/zod";
import type { Database } from "@/db/client";
import { emails, webhookEvents } from "@/db/schema";
import { emitUserEvents } from "@/lib/webhooks/emit-user-events";

/** The part of a Resend webhook event we use. */
export const resendEventSchema = z.object({
  type: z.string().max(100),
  created_at: z.string().max(100),
  data: z.object({ email_id: z.string().min(1).max(200) }).passthrough(),
});
export type ResendEvent = z.output<typeof resendEventSchema>;

export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };

export type VerifiedWebhook =
  | { ok: true; id: string; event: ResendEvent }
  | { ok: false; status: 400 | 401; message: string };

/**
 * Checks a webhook with the standard-webhooks scheme Resend signs with (Svix): the signature over
 * id, timestamp and body, and a timestamp within five minutes, which refuses replays of old deliveries.
 */
export function verifyResendWebhook(secret: string, body: string, headers: WebhookHeaders): VerifiedWebhook {
  let payload: unknown;
  try {
    payload = new Webhook(secret).verify(body, {
      "webhook-id": headers.id ?? "",
      "webhook-timestamp": headers.timestamp ?? "",
      "webhook-signature": headers.signature ?? "",
    });
  } catch {
    return { ok: false, status: 401, message: "The webhook signature is missing, wrong or too old." };
  }
  const parsed = resendEventSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, status: 400, message: "The webhook body is not a Resend email event." };
  return { ok: true, id: headers.id!, event: parsed.data };
}

const statusByEvent: Record<string, "delivered" | "bounced" | undefined> = {
  "email.delivered": "delivered",
  "email.bounced": "bounced",
};
const recordedEvents: Record<string, string> = {
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.delivery_delayed": "delivery_delayed",
};

/**
 * Records a delivery event on its email, once per webhook id. A bounce or delivery moves an email
 * that was sent; complaints and delays are noted beside it. An event for an email we have not yet
 * recorded as sent (the webhook can overtake our worker's bookkeeping) is not consumed: the caller
 * answers with an error so that the provider delivers it again later.
 */
export async function recordDeliveryEvent(
  db: Database,
  input: { id: string; event: ResendEvent; now: Date },
): Promise<"recorded" | "duplicate" | "ignored" | "unknown_email"> {
  const recorded = recordedEvents[input.event.type];
  return db
    .transaction(async (tx) => {
    const [fresh] = await tx
      .insert(webhookEvents)
      .values({ id: input.id, type: input.event.type, receivedAt: input.now })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (!fresh) return "duplicate";
    if (!recorded) return "ignored";
    const at = new Date(input.event.created_at);
    const eventAt = Number.isNaN(at.getTime()) ? input.now : at;
    const status = statusByEvent[input.event.type];
    const touched = await tx
      .update(emails)
      .set({ lastEvent: recorded, lastEventAt: eventAt })
      .where(eq(emails.providerMessageId, input.event.data.email_id))
      .returning({ id: emails.id });
    if (touched.length === 0) tx.rollback(); // not consumed: see above
    if (status) {
      const moved = await tx
        .update(emails)
        .set({ status })
        .where(and(eq(emails.providerMessageId, input.event.data.email_id), inArray(emails.status, ["sent", "delivered"])))
        .returning({ kind: emails.kind, organizationId: emails.organizationId, memberId: emails.memberId });
      for (const email of moved) {
        if (status !== "bounced" || email.kind !== "invitation" || !email.organizationId || !email.memberId) continue;
        await emitUserEvents(tx, { organizationId: email.organizationId, type: "invitation.bounced", memberIds: [email.memberId], now: input.now });
      }
    }
    return "recorded" as const;
    })
    .catch((error: unknown) => {
      if (error instanceof TransactionRollbackError) return "unknown_email" as const;
      throw error;
    });
}
