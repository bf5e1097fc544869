import { Resend } from "resend";

export type ProviderMessage = {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo: string | null;
};

export type ProviderResult = { ok: true; providerMessageId: string } | { ok: false; error: string; retryable: boolean };

/**
 * Sends one email through the `resend` SDK (which honours RESEND_BASE_URL). The idempotency key is
 * derived from our email id, so a retry after a lost answer can never deliver the message twice.
 */
export async function sendThroughResend(apiKey: string, message: ProviderMessage): Promise<ProviderResult> {
  const resend = new Resend(apiKey);
  const { data, error } = await resend.emails.send(
    {
      from: message.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    },
    { idempotencyKey: `roster-email/${message.id}` },
  );
  if (error || !data) {
    const status = error?.statusCode ?? null;
    // Network failures (no status), rate limits and server errors are worth another try; a 4xx is not.
    const retryable = status === null || status === 429 || status >= 500;
    return { ok: false, error: `${error?.name ?? "unknown_error"}: ${error?.message ?? "no answer"}`, retryable };
  }
  return { ok: true, providerMessageId: data.id };
}
