import { and, eq, inArray } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { webhookDeliveries, webhookEndpoints, webhookEventTypes, type WebhookEventType } from "@/db/schema";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { removeUsers } from "@/lib/invitations/remove-users";
import { inviter, person, readyOrganization } from "@/test/fixtures/invitations";
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from "@/test/support/fake-webhook-receiver";
import { createTestDatabase } from "@/test/support/test-database";
import type { EndpointPolicy } from "./endpoint-address";
import { addWebhookEndpoint, enableWebhookEndpoint, listDisabledWebhookEndpoints, resendWebhookDelivery } from "./webhook-endpoints";
import { claimDueDelivery, deliverNextWebhook, DISABLE_AFTER_MS, WEBHOOK_LEASE_MS, type WebhookWorkerOptions } from "./webhook-worker";

/**
 * Webhook delivery against a receiver that fails on purpose (5xx, answers after the time-out, its port
 * closed): every event must arrive at least once, signed so that `standardwebhooks` verifies it.
 */
const AUTH_SECRET = "integration-test-auth-secret";
const allowPrivate: EndpointPolicy = { requireHttps: false, requirePublicAddress: false };
const strict: EndpointPolicy = { requireHttps: false, requirePublicAddress: true };

let handle: DatabaseHandle;
let receiver: FakeWebhookReceiver;
let organizationId: string;
let emailCounter = 0;

function testClock() {
  let time = Date.now();
  return { now: () => new Date(time), advance: (ms: number) => void (time += ms), set: (date: Date) => void (time = date.getTime()) };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, new Date())).id;
  receiver = await startFakeWebhookReceiver({ port: 0 });
});
afterAll(async () => {
  await receiver.stop();
  await handle.close();
});
afterEach(async () => {
  if (receiver.port && !(await isUp())) await receiver.up();
  receiver.reset();
  await handle.db.delete(webhookEndpoints).where(eq(webhookEndpoints.organizationId, organizationId));
});

async function isUp() {
  try {
    await fetch(receiver.url("/ping"), { method: "HEAD" });
    return true;
  } catch {
    return false;
  }
}

async function addEndpoint(url = receiver.url(), events: WebhookEventType[] = [...webhookEventTypes], now = new Date()) {
  const added = await addWebhookEndpoint(handle.db, {
    organizationId,
    actorEmail: inviter.email,
    endpoint: { url, events },
    policy: allowPrivate,
    authSecret: AUTH_SECRET,
    now,
  });
  if (!added.ok) throw new Error(added.message);
  return added.data;
}

/** Invites `count` people (one user.invited each) and removes every other one (user.removed). */
async function makeEvents(count: number, now: Date) {
  const rows = Array.from({ length: count }, () => person(`hook${++emailCounter}@example.com`));
  const invited = await inviteUsers(handle.db, { organizationId, inviter, rows, now });
  if (!invited.ok) throw new Error(invited.message);
  const removed = invited.data.memberIds.filter((_, index) => index % 2 === 0);
  await removeUsers(handle.db, { organizationId, actorEmail: inviter.email, memberIds: removed, now });
}

async function deliveriesOf(endpointId: string) {
  return handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
}

const options = (clock: ReturnType<typeof testClock>, extra: Partial<WebhookWorkerOptions> = {}): WebhookWorkerOptions => ({
  policy: allowPrivate,
  authSecret: AUTH_SECRET,
  now: clock.now,
  timeoutMs: 300,
  ...extra,
});

/** Runs one worker until nothing is pending, moving the clock to each next retry when idle. */
async function drain(clock: ReturnType<typeof testClock>, extra: Partial<WebhookWorkerOptions> = {}, onRound?: (round: number) => Promise<void>) {
  const errors: string[] = [];
  for (let round = 0; round < 2_000; round++) {
    await onRound?.(round);
    const result = await deliverNextWebhook(handle.db, options(clock, extra));
    if (result.state === "failed") errors.push(result.error);
    if (result.state !== "idle") continue;
    const pending = await handle.db
      .select({ at: webhookDeliveries.nextAttemptAt, leasedUntil: webhookDeliveries.claimedUntil })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.status, "pending"), eq(webhookEndpoints.organizationId, organizationId)));
    const next = pending.map((row) => Math.max(row.at.getTime(), row.leasedUntil?.getTime() ?? 0)).sort((a, b) => a - b)[0];
    if (next === undefined) return errors;
    clock.set(new Date(Math.max(next, clock.now().getTime() + 1)));
  }
  throw new Error("the webhook deliveries did not drain");
}

/** Every delivery's message arrived (at least once), and every request received verifies with the secret. */
function expectEveryMessageVerified(endpointDeliveries: { messageId: string }[], secret: string) {
  const expected = new Set(endpointDeliveries.map((delivery) => delivery.messageId));
  const webhook = new Webhook(secret);
  for (const request of receiver.received) {
    const payload = webhook.verify(request.body, request.headers) as { type: string; data: { organizationId: string; user: { email: string } } };
    expect(payload.data.organizationId).toBe(organizationId);
  }
  const arrived = new Set(receiver.received.map((request) => request.headers["webhook-id"]));
  expect([...expected].filter((id) => !arrived.has(id)), "missing webhook-ids").toEqual([]);
  expect([...arrived].filter((id) => !expected.has(id!)), "unexpected webhook-ids").toEqual([]);
}

describe("webhook delivery", () => {
  it("through 500s, answers after the time-out and a receiver that is down for a while, every event arrives, signed", async () => {
    const clock = testClock();
    const { endpointId, secret } = await addEndpoint();
    await makeEvents(12, clock.now()); // 12 user.invited + 6 user.removed
    receiver.faults.failNext = 5;
    receiver.faults.hangNext = 3;
    let refusedRounds = 0;
    const errors = await drain(clock, {}, async (round) => {
      if (round === 10) await receiver.down();
      if (round > 10 && refusedRounds < 8) {
        const [latest] = (await deliveriesOf(endpointId)).filter((row) => row.lastError === "Connection refused");
        if (latest) refusedRounds++;
        if (refusedRounds === 8) await receiver.up();
      }
    });
    expect(new Set(errors)).toEqual(new Set(["HTTP 500", "No answer within 0.3 s", "Connection refused"]));
    const rows = await deliveriesOf(endpointId);
    expect(rows).toHaveLength(18);
    expect(rows.every((row) => row.status === "succeeded" && row.lastStatusCode === 200)).toBe(true);
    expect(rows.some((row) => row.attempts > 1)).toBe(true);
    expectEveryMessageVerified(rows, secret);
    const [endpoint] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(endpoint!.failingSince).toBeNull();
    expect(endpoint!.secretCiphertext).not.toContain(secret.slice(6, 20));
  });

  it("a delivery whose worker died mid-send is taken over when its lease runs out", async () => {
    const clock = testClock();
    const { endpointId, secret } = await addEndpoint();
    await makeEvents(2, clock.now());
    const abandoned = await claimDueDelivery(handle.db, clock.now()); // the worker is killed after claiming
    expect(abandoned).not.toBeNull();
    while ((await deliverNextWebhook(handle.db, options(clock))).state !== "idle"); // the others go; the abandoned one waits for its lease
    const [waiting] = (await deliveriesOf(endpointId)).filter((row) => row.id === abandoned!.id);
    expect(waiting!.status).toBe("pending");
    clock.advance(WEBHOOK_LEASE_MS);
    await drain(clock);
    const rows = await deliveriesOf(endpointId);
    expect(rows.every((row) => row.status === "succeeded")).toBe(true);
    expectEveryMessageVerified(rows, secret);
  });

  it("two workers never send the same delivery at once, and each event arrives exactly once when nothing fails", async () => {
    const { endpointId, secret } = await addEndpoint();
    await makeEvents(10, new Date());
    receiver.faults.delayMs = 50;
    const worker = async () => {
      for (;;) {
        const round = await deliverNextWebhook(handle.db, { policy: allowPrivate, authSecret: AUTH_SECRET, timeoutMs: 5_000 });
        if (round.state === "idle") return;
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    const rows = await deliveriesOf(endpointId);
    expect(rows.every((row) => row.status === "succeeded" && row.attempts === 1)).toBe(true);
    expect(receiver.stats.mostInFlightForOneId).toBe(1);
    expect(receiver.received).toHaveLength(rows.length);
    expectEveryMessageVerified(rows, secret);
  });

  it("an endpoint whose every delivery failed for 3 days is disabled, gets no new events, and delivers what waited once re-enabled", async () => {
    const clock = testClock();
    const started = clock.now();
    const { endpointId, secret } = await addEndpoint(receiver.url(), ["user.invited"], started);
    await makeEvents(1, started);
    receiver.faults.status = 500;
    let disabledAt: Date | null = null;
    for (let round = 0; round < 200 && !disabledAt; round++) {
      const result = await deliverNextWebhook(handle.db, options(clock));
      if (result.state === "failed" && result.endpointDisabled) disabledAt = clock.now();
      if (result.state === "idle") clock.advance(60 * 60_000);
    }
    expect(disabledAt).not.toBeNull();
    expect(disabledAt!.getTime() - started.getTime()).toBeGreaterThanOrEqual(DISABLE_AFTER_MS);
    expect(disabledAt!.getTime() - started.getTime()).toBeLessThan(DISABLE_AFTER_MS + 4 * 60 * 60_000);
    const [endpoint] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(endpoint!.disabledReason).toMatch(/failed for 3 days.*HTTP 500/);
    const [delivery] = await deliveriesOf(endpointId);
    expect(delivery!.status).toBe("pending"); // not given up: it waits for the endpoint to come back
    // The console's notice names it (app/(console)/layout.tsx).
    expect(await listDisabledWebhookEndpoints(handle.db, organizationId)).toEqual([
      { id: endpointId, url: receiver.url(), disabledAt: disabledAt, disabledReason: endpoint!.disabledReason },
    ]);

    // Disabled: no attempts, and new events are not queued for it.
    const requests = receiver.stats.requests;
    clock.advance(24 * 60 * 60_000);
    expect((await deliverNextWebhook(handle.db, options(clock))).state).toBe("idle");
    await makeEvents(1, clock.now());
    expect(await deliveriesOf(endpointId)).toHaveLength(1);
    expect(receiver.stats.requests).toBe(requests);

    receiver.faults.status = 200;
    await enableWebhookEndpoint(handle.db, { organizationId, actorEmail: inviter.email, endpointId, now: clock.now() });
    await drain(clock);
    const [delivered] = await deliveriesOf(endpointId);
    expect(delivered!.status).toBe("succeeded");
    const [enabled] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(enabled).toMatchObject({ disabledAt: null, failingSince: null });
    expect(await listDisabledWebhookEndpoints(handle.db, organizationId)).toEqual([]);
    expect(new Webhook(secret).verify(receiver.received.at(-1)!.body, receiver.received.at(-1)!.headers)).toMatchObject({ type: "user.invited" });
  });

  it("a success clears failing_since, so failures spread over more than 3 days between successes disable nothing", async () => {
    const clock = testClock();
    const { endpointId } = await addEndpoint(receiver.url(), ["user.invited"], clock.now());
    for (let day = 0; day < 5; day++) {
      await makeEvents(1, clock.now());
      receiver.faults.failNext = 1;
      await drain(clock);
      clock.advance(DISABLE_AFTER_MS / 2);
    }
    const [endpoint] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(endpoint).toMatchObject({ disabledAt: null, failingSince: null });
  });

  it("Resend queues a delivered event again, with the same webhook-id", async () => {
    const clock = testClock();
    const { endpointId } = await addEndpoint(receiver.url(), ["user.invited"]);
    await makeEvents(1, clock.now());
    await drain(clock);
    const [delivery] = await deliveriesOf(endpointId);
    expect(await resendWebhookDelivery(handle.db, { organizationId, actorEmail: inviter.email, deliveryId: delivery!.id, now: clock.now() })).toEqual({ endpointId });
    await drain(clock);
    expect(receiver.received.map((request) => request.headers["webhook-id"])).toEqual([delivery!.messageId, delivery!.messageId]);
    // Another organization's delivery id is not found.
    expect(await resendWebhookDelivery(handle.db, { organizationId: crypto.randomUUID(), actorEmail: inviter.email, deliveryId: delivery!.id, now: clock.now() })).toBeNull();
  });
});

describe("where webhooks may go", () => {
  it("in production, a host that resolves to a private or loopback address is refused at delivery time, and nothing is sent", async () => {
    const clock = testClock();
    const { endpointId } = await addEndpoint(`http://rebinding.example:${receiver.port}/hooks`, ["user.invited"]);
    await makeEvents(1, clock.now());
    // Saved while it resolved to a public address; now it resolves to loopback.
    const round = await deliverNextWebhook(handle.db, options(clock, { policy: strict, resolve: async () => [{ address: "127.0.0.1", family: 4 }] }));
    expect(round).toMatchObject({ state: "failed", error: expect.stringContaining("127.0.0.1, which is not a public address") });
    const [delivery] = await deliveriesOf(endpointId);
    expect(delivery).toMatchObject({ status: "pending", lastStatusCode: null });
    expect(receiver.stats.requests).toBe(0);
    // One private address among public ones is enough to refuse.
    const mixed = async () => [{ address: "93.184.216.34", family: 4 as const }, { address: "::ffff:10.0.0.1", family: 6 as const }];
    clock.advance(60 * 60_000);
    expect(await deliverNextWebhook(handle.db, options(clock, { policy: strict, resolve: mixed }))).toMatchObject({ state: "failed", error: expect.stringContaining("::ffff:10.0.0.1") });
    expect(receiver.stats.requests).toBe(0);
  });

  it("the connection goes to the address that was checked, not to a second DNS answer", async () => {
    const clock = testClock();
    const { endpointId } = await addEndpoint(`http://pinned.invalid:${receiver.port}/hooks`, ["user.invited"]);
    await makeEvents(1, clock.now());
    // .invalid never resolves in DNS: the request can only arrive through the address handed to the worker.
    await drain(clock, { resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    const [delivery] = await deliveriesOf(endpointId);
    expect(delivery!.status).toBe("succeeded");
    expect(receiver.received[0]!.headers.host).toBe(`pinned.invalid:${receiver.port}`);
  });

  it("redirects are not followed", async () => {
    const clock = testClock();
    receiver.faults.status = 307;
    const { endpointId } = await addEndpoint(receiver.url(), ["user.invited"]);
    await makeEvents(1, clock.now());
    expect(await deliverNextWebhook(handle.db, options(clock))).toMatchObject({ state: "failed", error: "HTTP 307: redirects are not followed" });
    const [delivery] = await deliveriesOf(endpointId);
    expect(delivery).toMatchObject({ status: "pending", lastStatusCode: 307 });
    expect(receiver.stats.requests).toBe(1);
  });
});

// A removed endpoint takes its deliveries with it; nothing is claimed for it afterwards.
it("removing an endpoint drops its waiting deliveries", async () => {
  const clock = testClock();
  const { endpointId } = await addEndpoint();
  await makeEvents(1, clock.now());
  await handle.db.delete(webhookEndpoints).where(inArray(webhookEndpoints.id, [endpointId]));
  expect((await deliverNextWebhook(handle.db, options(clock))).state).toBe("idle");
});
