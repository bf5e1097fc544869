import { getDb } from "@/db/client";
import { recordDeliveryEvent, verifyResendWebhook } from "@/lib/email/delivery-events";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";

export const dynamic = "force-dynamic";

/** A webhook larger than this is not one of Resend's email events. */
const MAX_BODY_BYTES = 256 * 1024;

/** Resend's delivery events (delivered, bounced, complained, delayed), verified and recorded once each. */
export async function POST(request: Request) {
  const secret = process.env.RESEND_WEBHOOK_SECRET;
  if (!secret) return Response.json({ error: "Webhooks are off: RESEND_WEBHOOK_SECRET is not set." }, { status: 404 });
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return Response.json({ error: "The webhook body is too large." }, { status: 413 });
  const header = (name: string) => request.headers.get(`svix-${name}`) ?? request.headers.get(`webhook-${name}`);
  const verified = verifyResendWebhook(secret, body, { id: header("id"), timestamp: header("timestamp"), signature: header("signature") });
  if (!verified.ok) return Response.json({ error: verified.message }, { status: verified.status });
  const outcome = await recordDeliveryEvent(getDb(), { id: verified.id, event: verified.event, now: new Date() });
  if (outcome === "unknown_email") {
    // Not an error of the sender's: our worker may not have recorded this email yet. Resend retries.
    return Response.json({ error: "No email with this id is recorded yet; deliver the event again later.", outcome }, { status: 409 });
  }
  wakeWebhookWorkers(); // a bounce may have written invitation.bounced for our own endpoints
  return Response.json({ received: true, outcome });
}
