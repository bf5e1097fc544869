import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimitCounters } from "@/db/schema";
import { estimatedHits, secondsUntilAllowed, windowPosition, type WindowCounts } from "./sliding-window";

export type RateLimitRequest = {
  /** What is limited: "sign-in-email", "join-ip", … */
  bucket: string;
  /** Who is limited within the bucket: an address, a client IP, an admin's user id. */
  key: string;
  limit: number;
  windowSeconds: number;
  now: Date;
  /** Hits this request spends (invitations count recipients); 1 by default. */
  cost?: number;
};

export type RateLimitDecision =
  | { allowed: true; windowStart: Date }
  /** retryAfterSeconds is null when the request can never fit (its cost is above the limit). */
  | { allowed: false; retryAfterSeconds: number | null };

/** Expired rows removed by each consume: bounds the table without a cron job. */
const PRUNE_BATCH = 100;

/**
 * Spends `cost` hits of the key's budget if they fit under the limit over the rolling window, in
 * one conditional upsert: concurrent consumers on any instance serialise on the counter's row, so
 * exactly `limit` hits are ever granted. A refused request spends nothing.
 */
export async function consumeRateLimit(db: Database, request: RateLimitRequest): Promise<RateLimitDecision> {
  const { bucket, key, limit, windowSeconds, now } = request;
  const cost = request.cost ?? 1;
  const position = windowPosition(now, windowSeconds);
  const previousHits = await hitsIn(db, bucket, key, position.previousWindowStart);
  // The previous window no longer changes; the current one is re-read under the row lock.
  const budget = limit - previousHits * position.previousWeight;

  const granted =
    cost <= budget
      ? await db
          .insert(rateLimitCounters)
          .values({
            bucket,
            key,
            windowStart: position.windowStart,
            hits: cost,
            expiresAt: new Date(position.windowStart.getTime() + 2 * windowSeconds * 1000),
          })
          .onConflictDoUpdate({
            target: [rateLimitCounters.bucket, rateLimitCounters.key, rateLimitCounters.windowStart],
            set: { hits: sql`${rateLimitCounters.hits} + excluded.hits` },
            setWhere: sql`${rateLimitCounters.hits} + excluded.hits <= ${budget}::float8`,
          })
          .returning({ hits: rateLimitCounters.hits })
      : [];

  await pruneExpiredCounters(db, now);
  if (granted.length > 0) return { allowed: true, windowStart: position.windowStart };

  return refusal({ previousHits, currentHits: await hitsIn(db, bucket, key, position.windowStart) }, request);
}

const refusal = (counts: WindowCounts, request: RateLimitRequest): RateLimitDecision => ({
  allowed: false,
  retryAfterSeconds: secondsUntilAllowed(counts, { ...request, cost: request.cost ?? 1 }),
});

/** Whether `cost` more hits would fit now, read without spending any (a peek: see abuse-limits.ts). */
export async function peekRateLimit(db: Database, request: RateLimitRequest): Promise<RateLimitDecision> {
  const { bucket, key, limit, windowSeconds, now } = request;
  const cost = request.cost ?? 1;
  const position = windowPosition(now, windowSeconds);
  // Both windows in one query: proxy.ts peeks before every join page.
  const rows = await db
    .select({ windowStart: rateLimitCounters.windowStart, hits: rateLimitCounters.hits })
    .from(rateLimitCounters)
    .where(
      and(
        eq(rateLimitCounters.bucket, bucket),
        eq(rateLimitCounters.key, key),
        inArray(rateLimitCounters.windowStart, [position.previousWindowStart, position.windowStart]),
      ),
    );
  const hitsAt = (windowStart: Date) => rows.find((row) => row.windowStart.getTime() === windowStart.getTime())?.hits ?? 0;
  const counts: WindowCounts = { previousHits: hitsAt(position.previousWindowStart), currentHits: hitsAt(position.windowStart) };
  if (estimatedHits(counts, position.previousWeight) + cost <= limit) return { allowed: true, windowStart: position.windowStart };
  return refusal(counts, request);
}

/**
 * Gives back hits that were spent but not used (an invitation that failed, a join link that was
 * real): the counter of the window they were spent in goes down, never below zero.
 */
export async function refundRateLimit(
  db: Database,
  refund: { bucket: string; key: string; windowStart: Date; cost: number },
): Promise<void> {
  if (refund.cost <= 0) return;
  await db
    .update(rateLimitCounters)
    .set({ hits: sql`greatest(${rateLimitCounters.hits} - ${refund.cost}, 0)` })
    .where(
      and(
        eq(rateLimitCounters.bucket, refund.bucket),
        eq(rateLimitCounters.key, refund.key),
        eq(rateLimitCounters.windowStart, refund.windowStart),
      ),
    );
}

async function hitsIn(db: Database, bucket: string, key: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .select({ hits: rateLimitCounters.hits })
    .from(rateLimitCounters)
    .where(
      and(eq(rateLimitCounters.bucket, bucket), eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, windowStart)),
    );
  return row?.hits ?? 0;
}

/** Deletes a few counters whose windows no longer count; rows another consumer is pruning are skipped. */
async function pruneExpiredCounters(db: Database, now: Date): Promise<void> {
  const expired = db
    .select({ bucket: rateLimitCounters.bucket, key: rateLimitCounters.key, windowStart: rateLimitCounters.windowStart })
    .from(rateLimitCounters)
    .where(lt(rateLimitCounters.expiresAt, now))
    .orderBy(asc(rateLimitCounters.expiresAt))
    .limit(PRUNE_BATCH)
    .for("update", { skipLocked: true });
  await db
    .delete(rateLimitCounters)
    .where(
      inArray(
        sql`(${rateLimitCounters.bucket}, ${rateLimitCounters.key}, ${rateLimitCounters.windowStart})`,
        sql`(${expired})`,
      ),
    );
}
