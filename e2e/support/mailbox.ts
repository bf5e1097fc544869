import { expect, type APIRequestContext } from "@playwright/test";
import type { RecordedEmail } from "./fake-resend-server";
import type { WebhookDelivery } from "./fake-resend-webhooks";
import { APP_URL, FAKE_RESEND_URL } from "./environment";

export async function emailsTo(request: APIRequestContext, address: string): Promise<RecordedEmail[]> {
  const response = await request.get(`${FAKE_RESEND_URL}/_test/emails?to=${encodeURIComponent(address)}`);
  return (await response.json()) as RecordedEmail[];
}

/** The webhook events the provider has posted to the app about emails to this address. */
export async function webhookDeliveriesTo(request: APIRequestContext, address: string): Promise<WebhookDelivery[]> {
  const response = await request.get(`${FAKE_RESEND_URL}/_test/webhooks?to=${encodeURIComponent(address)}`);
  return (await response.json()) as WebhookDelivery[];
}

/** Waits until the provider has received `count` emails for the address, and returns the newest. */
export async function waitForEmail(request: APIRequestContext, address: string, count = 1): Promise<RecordedEmail> {
  let received: RecordedEmail[] = [];
  await expect
    .poll(async () => (received = await emailsTo(request, address)).length, { message: `email to ${address}`, timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);
  return received[received.length - 1]!;
}

/** The first link in the plain-text part that matches. */
export function linkIn(email: RecordedEmail, pattern: RegExp): string {
  const link = (email.text ?? "").match(/https?:\/\/\S+/g)?.find((candidate) => pattern.test(candidate));
  if (!link) throw new Error(`No link matching ${pattern} in "${email.subject}"`);
  return link;
}

/**
 * Waits until the app's email outbox is empty (`queued: 0` from /api/health). The app enqueues every
 * email in the transaction of the request that sends it, so once a request has been answered and the
 * outbox has drained, the provider has every email that request will ever send: "no email arrived"
 * is then a fact, not a guess after a sleep.
 */
export async function waitForOutboxToDrain(request: APIRequestContext): Promise<void> {
  const queued = async () => ((await (await request.get(`${APP_URL}/api/health`)).json()) as { queued?: number }).queued;
  await expect.poll(queued, { message: "the outbox to drain", timeout: 15_000 }).toBe(0);
}
