import { Resend } from "resend";
import type { MailTransport } from "./mail-transport";

export type ResendProviderOptions = { apiKey: string; baseUrl?: string; requestsPerSecond: number; timeoutMs: number };

/**
 * The Resend email provider: its batch endpoint (up to 100 emails a call) through the `resend` SDK,
 * which honours RESEND_BASE_URL. The idempotency key makes a retry of the same batch safe for 24 hours.
 */
export function resendProvider(options: ResendProviderOptions): MailTransport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    name: "resend",
    requestsPerSecond: options.requestsPerSecond,
    async sendBatch(messages, idempotencyKey) {
      const payload = messages.map((message) => ({
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
      }));
      // The SDK passes its request options on to fetch, so a signal bounds the wait for an answer.
      const requestOptions = { idempotencyKey, signal: AbortSignal.timeout(options.timeoutMs) };
      const { data, error, headers } = await resend.batch.send(payload, requestOptions);
      if (!error && data) return { ok: true, providerMessageIds: data.data.map((sent) => sent.id) };
      const status = error?.statusCode ?? null;
      // What the provider said, for the outbox and the console's banner: never the key, even if echoed.
      const description = `${error?.name ?? "unknown_error"}${status ? ` (${status})` : ""}: ${error?.message ?? "no answer"}`.replaceAll(
        options.apiKey,
        "[API key]",
      );
      if (status === 429) {
        const seconds = Number(headers?.["retry-after"] ?? headers?.["ratelimit-reset"] ?? 1);
        return { ok: false, kind: "rate_limited", retryAfterMs: Math.max(0, Number.isFinite(seconds) ? seconds : 1) * 1000, error: description };
      }
      if (status === 401 || status === 403) return { ok: false, kind: "key_refused", error: description };
      if (status === null || status >= 500) return { ok: false, kind: "retryable", error: description };
      return { ok: false, kind: "rejected", error: description };
    },
  };
}
