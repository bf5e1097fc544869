/** How a send's counts read, on the server and in the browser alike (no database here). */

/**
 * What came of a send's emails: how many are still queued, were accepted by the provider (sent,
 * including those it later reported delivered or bounced), delivered, bounced, failed or cancelled
 * (the user was removed first), and how many of its links were used to join.
 */
export type SendCounts = {
  total: number;
  queued: number;
  sent: number;
  delivered: number;
  bounced: number;
  failed: number;
  cancelled: number;
  joined: number;
};

/** The progress route's answer: size and queued while sending; the whole counts once done. */
export type SendProgressReading = { total: number; queued: number; counts: SendCounts | null };

/** A send is still going while any of its emails waits for the provider. */
export const isSending = (counts: SendCounts) => counts.queued > 0;

/** How far it has got: the emails the provider has answered for (accepted or refused), of all of them. */
export const handedOver = (counts: SendCounts) => counts.total - counts.queued;

/** The outcome line: "1,000 sent · 3 bounced · 0 failed", and the cancelled ones when there are any. */
export function describeOutcome(counts: SendCounts): string {
  const number = (value: number) => value.toLocaleString("en");
  const parts = [`${number(counts.sent)} sent`, `${number(counts.bounced)} bounced`, `${number(counts.failed)} failed`];
  if (counts.cancelled > 0) parts.push(`${number(counts.cancelled)} cancelled`);
  return parts.join(" · ");
}
