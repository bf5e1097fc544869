import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emailBatches, emails, mailProviderState } from "@/db/schema";
import { queueEmails } from "@/test/fixtures/queued-emails";
import { createTestDatabase } from "@/test/support/test-database";
import { startFakeResend } from "@/e2e/support/fake-resend-server";
import { removeUsers } from "@/lib/invitations/remove-users";
import { inviteOne, inviter, readyOrganization } from "@/test/fixtures/invitations";
import { readDeliveryHealth, recordProviderAnswer } from "./delivery-health";
import { deliverNextBatch, KEY_REFUSED_RETRY_MS, LEASE_MS } from "./delivery-worker";
import { captureTransport, type MailTransport } from "./mail-transport";
import { resendProvider } from "./resend-provider";

/**
 * The outbox against a Resend-compatible server that fails on purpose. Every test counts, per
 * recipient, what the provider accepted: each email must arrive exactly once.
 */
const API_KEY = "re_worker_test";
let handle: DatabaseHandle;
let provider: ReturnType<typeof startFakeResend>;
let baseUrl: string;
let organizationId: string;
const savedApiKey = process.env.RESEND_API_KEY;

beforeAll(async () => {
  process.env.RESEND_API_KEY = API_KEY; // emails are queued for the Resend transport
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, new Date())).id;
  // The provider reads the same clock as the workers, so an outage can last 30 "seconds" in an instant.
  provider = startFakeResend({ port: 0, apiKey: API_KEY, now: () => sharedClock.now().getTime() });
  await new Promise((resolve) => provider.server.once("listening", resolve));
  baseUrl = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  process.env.RESEND_API_KEY = savedApiKey;
  provider.server.close();
  await handle.close();
});
afterEach(async () => {
  Object.assign(provider.faults, { failureRate: 0, failNext: 0, outageUntil: null, slowNext: 0, slowMs: 0, requestsPerSecond: null, apiKeyRefused: false });
  sharedClock.reset();
  provider.recorded.length = 0;
  Object.assign(provider.stats, { requests: 0, rateLimited: 0, failed: 0 });
  // Each test runs on its own clock; the shared pacing state must not carry one test's time into the next.
  await handle.db.delete(mailProviderState);
});

const transport = (options: Partial<{ requestsPerSecond: number; timeoutMs: number }> = {}) =>
  resendProvider({ apiKey: API_KEY, baseUrl, requestsPerSecond: options.requestsPerSecond ?? 1000, timeoutMs: options.timeoutMs ?? 5_000 });

/** A clock the test moves: backoff, leases and outages pass in an instant, without sleeping. */
function testClock() {
  let time = Date.now();
  return { now: () => new Date(time), advance: (ms: number) => void (time += ms), reset: () => void (time = Date.now()) };
}
const sharedClock = testClock();

async function drain(worker: MailTransport, clock = sharedClock) {
  for (let round = 0; round < 5_000; round++) {
    const result = await deliverNextBatch(handle.db, { transport: worker, now: clock.now, sleep: async (ms) => clock.advance(ms) });
    if (result.state === "waiting") clock.advance(result.ms);
    if (result.state === "idle") {
      const waiting = await handle.db.select({ id: emails.id }).from(emails).where(eq(emails.status, "queued"));
      if (waiting.length === 0) return;
      clock.advance(5 * 60_000); // the next backoff, at most
    }
  }
  throw new Error("the outbox did not drain");
}

function expectEachOnce(addresses: string[]) {
  const received = provider.recorded.flatMap((email) => email.to);
  for (const address of addresses) expect(received.filter((to) => to === address), address).toHaveLength(1);
}

async function statusesOf(addresses: string[]) {
  const rows = await handle.db.select({ to: emails.toAddress, status: emails.status }).from(emails);
  return new Set(rows.filter((row) => addresses.includes(row.to)).map((row) => row.status));
}

describe("delivery through the outbox", () => {
  it("sends in batches of at most 100, records the provider's ids and erases the bodies", async () => {
    const addresses = await queueEmails(handle.db, "batch", 250);
    await drain(transport());
    expectEachOnce(addresses);
    expect(provider.stats.requests).toBeGreaterThanOrEqual(3);
    const rows = await handle.db.select().from(emails).where(eq(emails.status, "sent"));
    const mine = rows.filter((row) => addresses.includes(row.toAddress));
    expect(mine.every((row) => row.providerMessageId && row.html === null && row.text === null && row.variables === null)).toBe(true);
  });

  it("with 20 % of calls failing with 5xx, every email arrives exactly once", async () => {
    provider.faults.failureRate = 0.2;
    const addresses = await queueEmails(handle.db, "flaky", 500);
    await drain(transport());
    expectEachOnce(addresses);
    expect(await statusesOf(addresses)).toEqual(new Set(["sent"]));
  });

  it("when answers come after the client's time-out, retries reuse the idempotency key and nothing is sent twice", async () => {
    provider.faults.slowNext = 2;
    provider.faults.slowMs = 400;
    const addresses = await queueEmails(handle.db, "slow", 150);
    await drain(transport({ timeoutMs: 100 }));
    expectEachOnce(addresses);
  });

  it("through a 30-second outage, every email arrives once", async () => {
    provider.faults.outageUntil = sharedClock.now().getTime() + 30_000;
    const addresses = await queueEmails(handle.db, "outage", 120);
    await drain(transport());
    expectEachOnce(addresses);
    expect(await statusesOf(addresses)).toEqual(new Set(["sent"]));
  });

  it("honours 429 and retry-after, losing nothing", async () => {
    provider.faults.requestsPerSecond = 2;
    const addresses = await queueEmails(handle.db, "limited", 400);
    // Our side believes it may call 20 times a second; the provider allows 2 and answers 429.
    await drain(transport({ requestsPerSecond: 20 }));
    expect(provider.stats.rateLimited).toBeGreaterThan(0);
    expectEachOnce(addresses);
  });

  it("a worker that dies after the provider accepted its batch: the batch is resent after the lease, and arrives once", async () => {
    const addresses = await queueEmails(handle.db, "crash", 30);
    const clock = sharedClock;
    const real = transport();
    const dying: MailTransport = {
      ...real,
      async sendBatch(messages, key) {
        await real.sendBatch(messages, key);
        throw new Error("process killed");
      },
    };
    await expect(deliverNextBatch(handle.db, { transport: dying, now: clock.now })).rejects.toThrow("process killed");
    expect(await deliverNextBatch(handle.db, { transport: real, now: clock.now })).toEqual({ state: "idle" });
    clock.advance(LEASE_MS + 1);
    await drain(real, clock);
    expectEachOnce(addresses);
    expect(await statusesOf(addresses)).toEqual(new Set(["sent"]));
  });

  it("two workers racing over the same outbox never send an email twice", async () => {
    const addresses = await queueEmails(handle.db, "race", 600);
    await Promise.all([drain(transport()), drain(transport())]);
    expectEachOnce(addresses);
  });

  it("an invitation reaches the provider filled in with its recipient's name and link, which are then erased", async () => {
    const { member, token } = await inviteOne(handle.db, organizationId, "filled.in@example.com", new Date());
    await drain(transport());
    const [received] = provider.recorded.filter((email) => email.to.includes("filled.in@example.com"));
    expect(received!.html).toContain(`/join/${token}`);
    expect(received!.html).toContain(member.firstName);
    expect(received!.text).toContain(`/join/${token}`);
    const [stored] = await handle.db.select().from(emails).where(eq(emails.memberId, member.id));
    expect(stored).toMatchObject({ status: "sent", html: null, text: null, variables: null });
  });

  it("removing a user whose invitation is still queued: that email is never sent", async () => {
    const { member } = await inviteOne(handle.db, organizationId, "removed.before.sending@example.com", new Date());
    await removeUsers(handle.db, { organizationId, actorEmail: inviter.email, memberIds: [member.id], now: new Date() });
    await drain(transport());
    expect(provider.recorded.flatMap((email) => email.to)).not.toContain("removed.before.sending@example.com");
    const [email] = await handle.db.select().from(emails).where(eq(emails.memberId, member.id));
    expect(email).toMatchObject({ status: "cancelled", html: null, text: null, variables: null });
  });
});

describe("delivery health", () => {
  const round = (worker: MailTransport, clock = sharedClock) =>
    deliverNextBatch(handle.db, { transport: worker, now: clock.now, sleep: async (ms) => clock.advance(ms) });
  const emailsTo = async (addresses: string[]) =>
    (await handle.db.select().from(emails)).filter((row) => addresses.includes(row.toAddress));

  it("a refused key (403): the batch goes back unsent and uncounted, nothing fails, every instance pauses, and delivery is failing at once", async () => {
    provider.faults.apiKeyRefused = true;
    const addresses = await queueEmails(handle.db, "refused", 3);
    const worker = transport();
    const startedAt = sharedClock.now();

    expect(await round(worker)).toEqual({ state: "waiting", ms: KEY_REFUSED_RETRY_MS });
    const [state] = await handle.db.select().from(mailProviderState);
    expect(state!.pausedUntil!.getTime()).toBe(startedAt.getTime() + KEY_REFUSED_RETRY_MS);
    const answer = "invalid_api_key (403): API key is invalid";
    expect(await readDeliveryHealth(handle.db, sharedClock.now())).toEqual({ failing: true, providerAnswer: answer, since: startedAt, keyRefused: true });

    // Probed slowly for longer than MAX_DELIVERY_ATTEMPTS rounds: still one batch, never split, no attempt counted.
    for (let probe = 0; probe < 12; probe++) {
      const result = await round(worker);
      if (result.state === "waiting") sharedClock.advance(result.ms);
    }
    expect(provider.recorded).toHaveLength(0);
    const rows = await emailsTo(addresses);
    expect(rows.map((row) => [row.status, row.attempts, row.lastError])).toEqual(addresses.map(() => ["queued", 0, answer]));
    const batches = await handle.db.select().from(emailBatches).where(eq(emailBatches.id, rows[0]!.batchId!));
    expect(batches.map((batch) => [batch.status, batch.attempts])).toEqual([["pending", 0]]);
    expect(new Set(rows.map((row) => row.batchId)).size).toBe(1);
    // failingSince is kept across consecutive refusals.
    expect(await readDeliveryHealth(handle.db, sharedClock.now())).toMatchObject({ failing: true, since: startedAt });

    // The key works again: each email goes out once, and the failure is cleared.
    provider.faults.apiKeyRefused = false;
    await drain(worker);
    expectEachOnce(addresses);
    expect(await statusesOf(addresses)).toEqual(new Set(["sent"]));
    expect(await readDeliveryHealth(handle.db, sharedClock.now())).toEqual({ failing: false });
  });

  it("a minute of 503s makes delivery failing, less than a minute does not, and one success clears it", async () => {
    provider.faults.outageUntil = sharedClock.now().getTime() + 10 * 60_000;
    const addresses = await queueEmails(handle.db, "unavailable", 2);
    const worker = transport();
    const startedAt = sharedClock.now();
    await round(worker);
    sharedClock.advance(59_000);
    await round(worker); // the retry, due after its backoff, fails again
    expect(await readDeliveryHealth(handle.db, sharedClock.now())).toEqual({ failing: false });
    sharedClock.advance(1_000);
    expect(await readDeliveryHealth(handle.db, sharedClock.now())).toEqual({
      failing: true,
      providerAnswer: "internal_server_error (503): Unavailable",
      since: startedAt,
      keyRefused: false,
    });

    provider.faults.outageUntil = null;
    await drain(worker);
    expectEachOnce(addresses);
    expect(await readDeliveryHealth(handle.db, sharedClock.now())).toEqual({ failing: false });
  });

  it("a 429 or a refused address is an answer from a working provider: it clears a failure; capture records nothing", async () => {
    const worker = transport();
    const failingAt = new Date(sharedClock.now().getTime() - 5 * 60_000);
    const fail = () => recordProviderAnswer(handle.db, worker, { ok: false, kind: "retryable", error: "application_error: Unable to fetch data" }, failingAt);
    const healthNow = () => readDeliveryHealth(handle.db, sharedClock.now());

    await fail();
    expect(await healthNow()).toMatchObject({ failing: true, since: failingAt });
    await recordProviderAnswer(handle.db, worker, { ok: false, kind: "rate_limited", retryAfterMs: 1_000, error: "rate_limit_exceeded (429): Too many requests" }, sharedClock.now());
    expect(await healthNow()).toEqual({ failing: false });
    await fail();
    await recordProviderAnswer(handle.db, worker, { ok: false, kind: "rejected", error: "validation_error (422): Invalid `to` field" }, sharedClock.now());
    expect(await healthNow()).toEqual({ failing: false });

    await recordProviderAnswer(handle.db, captureTransport, { ok: false, kind: "key_refused", error: "never recorded" }, sharedClock.now());
    expect(await handle.db.select().from(mailProviderState).where(eq(mailProviderState.provider, "capture"))).toEqual([]);
    expect(await healthNow()).toEqual({ failing: false });
  });
});
