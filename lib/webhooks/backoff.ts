/**
 * When a failed delivery is tried again: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then every 3 hours
 * for as long as it takes (an endpoint failing for 3 days is disabled, not given up on silently).
 * Each wait is jittered to between 80 % and 120 % of its step, so a receiver that comes back is not
 * hit by every retry in the same second.
 */
export const WEBHOOK_RETRY_STEPS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000] as const;

/** The wait after the `attempts`-th failed attempt (1 for the first). */
export function webhookBackoffMs(attempts: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(attempts, 1), WEBHOOK_RETRY_STEPS_MS.length) - 1;
  const step = WEBHOOK_RETRY_STEPS_MS[index]!;
  return Math.round(step * (0.8 + 0.4 * random()));
}
