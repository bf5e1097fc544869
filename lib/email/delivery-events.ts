import { and, eq, inArray, TransactionRollbackError } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { z } from "@/lib/validation/zod";
import type { Database } from "@/db/client";
import { emailDeliveryEvents, emails, webhookEvents } from "@/db/schema";
import { emitUserEvents } from "@/lib/webhooks/emit-user-events";

/** The part of a Resend webhook event we use. */
export const resendEventSchema = z.object({
  type: z.string().max(100),
  created_at: z.string().max(100),
  data: z
    .object({
      email_id: z.string().min(1).max(200),
      // Resend says why an email bounced; anything else of the event is ignored.
      bounce: z.object({ message: z.string().optional(), type: z.string().optional(), subType: z.string().optional() }).passthrough().optional().catch(undefined),
    })
    .passthrough(),
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

/** The longest reason kept from the provider: enough for a sentence, not for a payload. */
const MAX_DETAIL_LENGTH = 500;

/** A bounce's reason in the provider's words ("Permanent (Suppressed): The recipient's …"), or null. */
function detailOf(event: ResendEvent): string | null {
  const bounce = event.data.bounce;
  if (!bounce) return null;
  const kind = [bounce.type, bounce.subType ? `(${bounce.subType})` : undefined].filter(Boolean).join(" ");
  const text = [kind, bounce.message].filter(Boolean).join(": ");
  return text ? text.slice(0, MAX_DETAIL_LENGTH) : null;
}

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
    const detail = detailOf(input.event);
    await tx.insert(emailDeliveryEvents).values(touched.map((email) => ({ emailId: email.id, type: recorded, detail, occurredAt: eventAt })));
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
