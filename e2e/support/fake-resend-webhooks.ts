/**
 * The fake Resend server's webhook callbacks: for each accepted email it posts one event to the
 * app's webhook route, signed the way Resend (through Svix) signs them, retried until answered 2xx,
 * and, like any at-least-once sender, it may deliver a message a second time.
 * The recipient picks the event: "+bounce@" bounces, "+complain@" complains, others are delivered.
 */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";

export type WebhookTarget = {
  url: string;
  /** The signing secret, "whsec_<base64>", as Resend shows it. */
  secret: string;
  /** Wait before the first delivery and between retries. */
  delayMs?: number;
  maxAttempts?: number;
  /** Deliver every message once more after it succeeded, as at-least-once senders sometimes do. */
  deliverTwice?: boolean;
};

export type WebhookDelivery = {
  messageId: string;
  type: string;
  emailId: string;
  to: string;
  /** Each attempt's HTTP status (null: no answer) and the body the app answered. */
  attempts: { status: number | null; body: string }[];
};

/** What the fake provider says of every bounce (Resend's data.bounce). */
export const BOUNCE_REASON = { type: "Permanent", subType: "General", message: "The recipient's mail server permanently rejected the email." };

const eventFor = (to: string) => (/\+bounce@/.test(to) ? "email.bounced" : /\+complain@/.test(to) ? "email.complained" : "email.delivered");

export function startWebhookSender(target: WebhookTarget) {
  const signer = new Webhook(target.secret);
  const delayMs = target.delayMs ?? 200;
  const maxAttempts = target.maxAttempts ?? 20;
  const deliveries: WebhookDelivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const later = (run: () => Promise<void>) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void run();
    }, delayMs);
    timers.add(timer);
  };

  async function post(delivery: WebhookDelivery, payload: string): Promise<boolean> {
    const sentAt = new Date();
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "svix-id": delivery.messageId,
          "svix-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
          "svix-signature": signer.sign(delivery.messageId, sentAt, payload),
        },
        body: payload,
      });
      delivery.attempts.push({ status: response.status, body: await response.text() });
      return response.ok;
    } catch (error) {
      delivery.attempts.push({ status: null, body: String(error) });
      return false;
    }
  }

  function send(email: { id: string; to: string[] }) {
    for (const to of email.to) {
      const delivery: WebhookDelivery = { messageId: `msg_${randomUUID()}`, type: eventFor(to), emailId: email.id, to, attempts: [] };
      deliveries.push(delivery);
      // A bounce says why, in Resend's shape.
      const bounce = delivery.type === "email.bounced" ? { bounce: BOUNCE_REASON } : {};
      const payload = JSON.stringify({ type: delivery.type, created_at: new Date().toISOString(), data: { email_id: email.id, to: [to], ...bounce } });
      const attempt = async () => {
        const delivered = await post(delivery, payload);
        if (delivered && target.deliverTwice) later(async () => void (await post(delivery, payload)));
        else if (!delivered && delivery.attempts.length < maxAttempts) later(attempt);
      };
      later(attempt);
    }
  }

  function stop() {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
  }

  return { deliveries, send, stop };
}
