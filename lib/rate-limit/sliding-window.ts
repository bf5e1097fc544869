/**
 * Window arithmetic of the sliding-window counter: hits are counted per fixed window, and the
 * previous window's count weighs in by how much of it still overlaps the rolling window that ends
 * now. (It assumes the previous window's hits were spread evenly; the estimate is never below the
 * current window's own count, so the limit is never exceeded within one window.)
 */

export type WindowPosition = {
  windowStart: Date;
  previousWindowStart: Date;
  /** Share of the previous window still inside the rolling window ending now: 1 at its start, → 0. */
  previousWeight: number;
};

export function windowPosition(now: Date, windowSeconds: number): WindowPosition {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return {
    windowStart: new Date(start),
    previousWindowStart: new Date(start - windowMs),
    previousWeight: 1 - (now.getTime() - start) / windowMs,
  };
}

export type WindowCounts = { previousHits: number; currentHits: number };

export function estimatedHits(counts: WindowCounts, previousWeight: number): number {
  return counts.previousHits * previousWeight + counts.currentHits;
}

/**
 * Whole seconds (at least 1) until `cost` more hits fit under `limit`, assuming nobody else spends
 * any meanwhile; null when they never can (cost above the limit).
 */
export function secondsUntilAllowed(
  counts: WindowCounts,
  request: { cost: number; limit: number; windowSeconds: number; now: Date },
): number | null {
  const { cost, limit, windowSeconds, now } = request;
  if (cost > limit) return null;
  const windowMs = windowSeconds * 1000;
  const { windowStart } = windowPosition(now, windowSeconds);
  let allowedAt: number;
  if (counts.currentHits + cost <= limit) {
    // Wait, within this window, until the previous window's weight has decayed enough.
    const room = limit - counts.currentHits - cost;
    const fraction = counts.previousHits > 0 ? Math.max(0, 1 - room / counts.previousHits) : 0;
    allowedAt = windowStart.getTime() + fraction * windowMs;
  } else {
    // This window alone is full: in the next one its count becomes the decaying previous count.
    const fraction = counts.currentHits > 0 ? Math.max(0, 1 - (limit - cost) / counts.currentHits) : 0;
    allowedAt = windowStart.getTime() + windowMs + fraction * windowMs;
  }
  return Math.max(1, Math.ceil((allowedAt - now.getTime()) / 1000));
}

/** "30 seconds", "4 minutes", "68 minutes", "3 hours": the wait, rounded up, in the unit a person reads. */
export function describeWait(seconds: number): string {
  const unit = (count: number, name: string) => `${count} ${name}${count === 1 ? "" : "s"}`;
  if (seconds < 60) return unit(Math.max(1, Math.ceil(seconds)), "second");
  // Up to two hours in minutes: "2 hours" for a wait of 61 minutes would overstate it by half.
  if (seconds <= 2 * 60 * 60) return unit(Math.ceil(seconds / 60), "minute");
  return unit(Math.ceil(seconds / 3600), "hour");
}
