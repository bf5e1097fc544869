import { createHash, timingSafeEqual } from "node:crypto";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/config";
import { deliverNextBatch } from "@/lib/email/delivery-worker";
import { queueDueReminders } from "@/lib/invitations/reminders";
import { mailTransportFromEnv } from "@/lib/email/mail-transport";
import { WEBHOOK_TIMEOUT_MS } from "@/lib/webhooks/post-webhook";
import { webhookWorkerOptionsFromEnv } from "@/lib/webhooks/webhook-config";
import { deliverNextWebhook } from "@/lib/webhooks/webhook-worker";

export const dynamic = "force-dynamic";

/** How long one scheduler call may keep delivering. */
const BUDGET_MS = 20_000;

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Lets an external scheduler drive the outbox (`Authorization: Bearer $CRON_SECRET`), for hosts where
 * no background worker may run. Queues the reminders that are due (lib/invitations/reminders.ts), then delivers email batches until the outbox is idle or the budget is
 * spent and, meanwhile, due webhook deliveries (one starts only while its time-out fits the budget).
 */
export async function POST(request: Request) {
  const secret = process.env.CRON_SECRET;
  if (!secret) return Response.json({ error: "Delivery by scheduler is off: CRON_SECRET is not set." }, { status: 404 });
  const given = request.headers.get("authorization") ?? "";
  if (!timingSafeEqual(digest(given), digest(`Bearer ${secret}`))) {
    return Response.json({ error: "Wrong or missing Authorization: Bearer <CRON_SECRET>." }, { status: 401 });
  }
  const started = Date.now();
  // Due reminders first, so that this call delivers them too.
  const reminders = await queueDueReminders(getDb(), { now: new Date(), authSecret: authSecret() });
  const [email, webhooks] = await Promise.all([deliverEmail(started), deliverWebhooks(started)]);
  return Response.json({ ...email, webhooks, reminders: { queued: reminders.queued } });
}

async function deliverEmail(started: number) {
  const transport = mailTransportFromEnv();
  const totals = { sent: 0, failed: 0, retrying: 0 };
  let state = "idle";
  while (Date.now() - started < BUDGET_MS) {
    const round = await deliverNextBatch(getDb(), { transport });
    state = round.state;
    if (round.state !== "delivered") break;
    totals.sent += round.sent;
    totals.failed += round.failed;
    totals.retrying += round.retrying;
  }
  return { ...totals, outbox: state === "delivered" ? "busy" : state };
}

async function deliverWebhooks(started: number) {
  const options = webhookWorkerOptionsFromEnv();
  const totals = { succeeded: 0, failed: 0 };
  let state = "idle";
  while (Date.now() - started < BUDGET_MS - WEBHOOK_TIMEOUT_MS) {
    const round = await deliverNextWebhook(getDb(), options);
    state = round.state;
    if (round.state === "idle") break;
    if (round.state === "succeeded") totals.succeeded++;
    if (round.state === "failed") totals.failed++;
  }
  return { ...totals, queue: state === "idle" ? "idle" : "busy" };
}
