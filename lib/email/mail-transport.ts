import type { EmailTransportName } from "@/db/schema";
import { emailTransport } from "@/lib/config";
import { resendProvider } from "./resend-provider";

export type ProviderMessage = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo: string | null;
};

export type BatchOutcome =
  | { ok: true; providerMessageIds: string[] }
  /** 429: the provider asked us to wait; nothing was sent. */
  | { ok: false; kind: "rate_limited"; retryAfterMs: number; error: string }
  /** 5xx, a network failure or a time-out: it may or may not have been sent; retry with the same key. */
  | { ok: false; kind: "retryable"; error: string }
  /**
   * 401/403: the provider refused our API key (missing, invalid, revoked, or not allowed to send),
   * sent nothing, and will refuse every email alike until the key works: nothing is wrong with the emails.
   */
  | { ok: false; kind: "key_refused"; error: string }
  /** Another 4xx: the provider refused the batch and sent nothing. */
  | { ok: false; kind: "rejected"; error: string };

/** How the outbox hands a batch to the world. */
export type MailTransport = {
  name: EmailTransportName;
  /** Provider calls allowed per second across all instances; null where there is no limit. */
  requestsPerSecond: number | null;
  sendBatch(messages: ProviderMessage[], idempotencyKey: string): Promise<BatchOutcome>;
};

/** Development and tests without a provider: the email stays in the database for /dev/mailbox. */
export const captureTransport: MailTransport = {
  name: "capture",
  requestsPerSecond: null,
  async sendBatch(messages) {
    return { ok: true, providerMessageIds: messages.map(() => "captured") };
  },
};

/** The transport this server is configured with: Resend when a key is set, otherwise capture. */
export function mailTransportFromEnv(): MailTransport {
  const choice = emailTransport();
  if (choice.kind === "capture") return captureTransport;
  return resendProvider({
    apiKey: choice.apiKey,
    requestsPerSecond: Number(process.env.RESEND_REQUESTS_PER_SECOND ?? 2) || 2,
    timeoutMs: 15_000,
  });
}
