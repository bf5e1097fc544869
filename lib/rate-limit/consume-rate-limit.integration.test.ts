import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rateLimitCounters } from "@/db/schema";
import { createTestDatabase } from "@/test/support/test-database";
import { consumeRateLimit, peekRateLimit, refundRateLimit, type RateLimitRequest } from "./consume-rate-limit";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const WINDOW = 900;
const start = new Date("2026-03-01T10:00:00Z");
const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
let keys = 0;
/** Each test limits its own key, so tests share the database without sharing budgets. */
const request = (overrides: Partial<RateLimitRequest> = {}): RateLimitRequest => ({
  bucket: "test",
  key: `key-${++keys}`,
  limit: 10,
  windowSeconds: WINDOW,
  now: start,
  ...overrides,
});

async function storedHits(bucket: string, key: string) {
  const rows = await handle.db
    .select({ hits: rateLimitCounters.hits })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.bucket, bucket), eq(rateLimitCounters.key, key)));
  return rows.reduce((sum, row) => sum + row.hits, 0);
}

describe("consumeRateLimit", () => {
  it("grants exactly the limit to 50 concurrent consumers", async () => {
    const limited = request({ now: later(60) });
    const decisions = await Promise.all(Array.from({ length: 50 }, () => consumeRateLimit(handle.db, limited)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    expect(await storedHits(limited.bucket, limited.key)).toBe(10);
  });

  it("grants weighted requests only while the whole cost fits, concurrently too", async () => {
    const limited = request({ cost: 3 });
    const decisions = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(handle.db, limited)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
    expect(await storedHits(limited.bucket, limited.key)).toBe(9);
  });

  it("refuses with the wait until a hit fits, and a refused request spends nothing", async () => {
    const limited = request({ now: later(300) });
    for (let hit = 0; hit < 10; hit++) expect((await consumeRateLimit(handle.db, limited)).allowed).toBe(true);
    const refused = await consumeRateLimit(handle.db, limited);
    // 10 hits this window: at the next one (600 s away) they weigh 10, and one more fits after a tenth of it.
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 600 + 90 });
    expect(await storedHits(limited.bucket, limited.key)).toBe(10);
  });

  it("lets hits back in as the previous window slides out, and all of them after two windows", async () => {
    const limited = request();
    for (let hit = 0; hit < 10; hit++) await consumeRateLimit(handle.db, limited);
    expect((await consumeRateLimit(handle.db, { ...limited, now: later(WINDOW) })).allowed).toBe(false);
    // Half the previous window has slid out: its 10 hits weigh 5, so 5 more fit and not a 6th.
    const halfway = { ...limited, now: later(WINDOW * 1.5) };
    const decisions = [];
    for (let hit = 0; hit < 6; hit++) decisions.push((await consumeRateLimit(handle.db, halfway)).allowed);
    expect(decisions).toEqual([true, true, true, true, true, false]);
    const fresh = { ...limited, now: later(WINDOW * 3) };
    for (let hit = 0; hit < 10; hit++) expect((await consumeRateLimit(handle.db, fresh)).allowed).toBe(true);
  });

  it("refuses a request larger than the whole limit without a wait, since no wait helps", async () => {
    expect(await consumeRateLimit(handle.db, request({ cost: 11 }))).toEqual({ allowed: false, retryAfterSeconds: null });
  });

  it("gives refunded hits back to the window they were spent in", async () => {
    const limited = request({ cost: 8 });
    const spent = await consumeRateLimit(handle.db, limited);
    if (!spent.allowed) throw new Error("expected the first request to fit");
    expect((await consumeRateLimit(handle.db, { ...limited, cost: 5 })).allowed).toBe(false);
    await refundRateLimit(handle.db, { bucket: limited.bucket, key: limited.key, windowStart: spent.windowStart, cost: 6 });
    expect((await consumeRateLimit(handle.db, { ...limited, cost: 5 })).allowed).toBe(true);
    expect(await storedHits(limited.bucket, limited.key)).toBe(7);
  });

  it("prunes counters whose windows no longer count", async () => {
    const old = request();
    await consumeRateLimit(handle.db, old);
    await consumeRateLimit(handle.db, request({ now: later(WINDOW * 2 + 1) }));
    expect(await storedHits(old.bucket, old.key)).toBe(0);
  });
});

describe("peekRateLimit", () => {
  it("answers what the next consume would, with the same wait, and spends nothing", async () => {
    const limited = request({ limit: 3 });
    for (let hit = 0; hit < 3; hit++) {
      expect((await peekRateLimit(handle.db, limited)).allowed).toBe(true);
      expect((await consumeRateLimit(handle.db, limited)).allowed).toBe(true);
    }
    const peeked = await peekRateLimit(handle.db, limited);
    const consumed = await consumeRateLimit(handle.db, limited);
    expect(peeked).toEqual({ allowed: false, retryAfterSeconds: 1200 });
    expect(consumed).toEqual(peeked);
    expect(await storedHits(limited.bucket, limited.key)).toBe(3);
  });

  it("weighs the previous window as consume does", async () => {
    const key = request({ limit: 4 });
    for (let hit = 0; hit < 4; hit++) await consumeRateLimit(handle.db, key);
    // Half-way into the next window the 4 earlier hits weigh 2: two more fit, a third does not.
    const halfWay = { ...key, now: later(WINDOW * 1.5) };
    expect((await peekRateLimit(handle.db, { ...halfWay, cost: 2 })).allowed).toBe(true);
    expect((await peekRateLimit(handle.db, { ...halfWay, cost: 3 })).allowed).toBe(false);
    expect((await consumeRateLimit(handle.db, { ...halfWay, cost: 3 })).allowed).toBe(false);
  });
});
