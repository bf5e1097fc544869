import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { mailProviderState } from "@/db/schema";
import { startFakeResend } from "@/e2e/support/fake-resend-server";
import { queueEmails } from "@/test/fixtures/queued-emails";
import { mostInOneSecond } from "@/test/support/most-in-one-second";
import { createTestDatabase, type ScratchDatabase } from "@/test/support/test-database";
import type { MailTransport } from "./mail-transport";
import { resendProvider } from "./resend-provider";

/**
 * Two app instances on one database, as two processes behind a load balancer: each instance loads its
 * own copy of the delivery modules (so nothing held in a module's memory is shared) and, on PostgreSQL,
 * has its own connection pool. Workers run on clocks of their own that move only while they wait, so
 * the invariants below are counts of what the pacing handed out, never timings.
 */
const API_KEY = "re_pacing_test";
const RATE = 10;
const WORKERS_PER_INSTANCE = 2;

type Instance = { name: string; db: Database; deliverNextBatch: typeof import("./delivery-worker").deliverNextBatch; close(): Promise<void> };
/** One provider call: the instance that made it and the time its worker was paced to. */
type PacedCall = { instance: string; at: number };

let scratch: ScratchDatabase;
let provider: ReturnType<typeof startFakeResend>;
let baseUrl: string;
let instances: Instance[];
const savedApiKey = process.env.RESEND_API_KEY;

beforeAll(async () => {
  process.env.RESEND_API_KEY = API_KEY; // emails are queued for the Resend transport
  scratch = await createTestDatabase();
  provider = startFakeResend({ port: 0, apiKey: API_KEY });
  await new Promise((resolve) => provider.server.once("listening", resolve));
  baseUrl = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
  instances = [await startInstance("first"), await startInstance("second")];
});
afterAll(async () => {
  process.env.RESEND_API_KEY = savedApiKey;
  for (const instance of instances ?? []) await instance.close();
  provider.server.close();
  await scratch.close();
});
afterEach(async () => {
  provider.recorded.length = 0;
  await scratch.db.delete(mailProviderState);
});

/** Fresh delivery modules, and on PostgreSQL a pool of its own on the same database. */
async function startInstance(name: string): Promise<Instance> {
  vi.resetModules();
  const { deliverNextBatch } = await import("./delivery-worker");
  if (!scratch.url) return { name, db: scratch.db, deliverNextBatch, close: async () => {} };
  const own = openDatabase({ url: scratch.url, poolSize: 5 });
  return { name, db: own.db, deliverNextBatch, close: own.close };
}

const transport = () => resendProvider({ apiKey: API_KEY, baseUrl, requestsPerSecond: RATE, timeoutMs: 5_000 });

/**
 * One worker of an instance, run until the outbox has nothing left for it. Its clock moves only while
 * it waits (its sleep returns at once and moves the clock on), so each call is logged at the moment the
 * shared pacing let it through, whatever the machine's speed.
 */
async function runWorker(instance: Instance, startAt: number, calls: PacedCall[], send: MailTransport = transport()) {
  let waitedMs = 0;
  const logged: MailTransport = {
    ...send,
    async sendBatch(messages, idempotencyKey) {
      calls.push({ instance: instance.name, at: startAt + waitedMs });
      return send.sendBatch(messages, idempotencyKey);
    },
  };
  const options = { transport: logged, now: () => new Date(startAt + waitedMs), sleep: async (ms: number) => void (waitedMs += ms) };
  for (;;) {
    const round = await instance.deliverNextBatch(instance.db, options);
    if (round.state !== "delivered") return round;
  }
}

describe("provider pacing shared by two instances through the database", () => {
  it("two instances' workers together stay within the provider's rate, and each email arrives once", async () => {
    const addresses = await queueEmails(scratch.db, "paced", 2_000);
    const calls: PacedCall[] = [];
    const startAt = Date.now();
    await Promise.all(
      instances.flatMap((instance) => Array.from({ length: WORKERS_PER_INSTANCE }, () => runWorker(instance, startAt, calls))),
    );

    const received = provider.recorded.flatMap((email) => email.to);
    expect(received).toHaveLength(addresses.length);
    expect(new Set(received)).toEqual(new Set(addresses));
    // Both instances sent, and together they never let more than the rate through in any one second.
    expect(new Set(calls.map((call) => call.instance))).toEqual(new Set(["first", "second"]));
    expect(mostInOneSecond(calls.map((call) => call.at))).toBeLessThanOrEqual(RATE);
  });

  it("a 429 met by one instance holds back the other until its retry-after has passed", async () => {
    await queueEmails(scratch.db, "paused", 200);
    const startAt = Date.now();
    const calls: PacedCall[] = [];
    const refused: MailTransport = {
      ...transport(),
      async sendBatch() {
        return { ok: false, kind: "rate_limited", retryAfterMs: 2_000, error: "rate_limit_exceeded (429): Too many requests" };
      },
    };
    const [first, second] = instances as [Instance, Instance];
    expect(await first.deliverNextBatch(first.db, { transport: refused, now: () => new Date(startAt) })).toEqual({ state: "waiting", ms: 2_000 });

    // The second instance sends both batches: the other one, and the refused one once it is due again.
    await runWorker(second, startAt, calls);
    expect(calls).toHaveLength(2);
    expect(Math.min(...calls.map((call) => call.at))).toBeGreaterThanOrEqual(startAt + 2_000);
  });
});
