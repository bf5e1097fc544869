import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { rateLimitCounters } from "@/db/schema";
import { createTestDatabase } from "@/test/support/test-database";
import { failure, success } from "@/lib/result";
import { lookUpWithinJoinLimit, openWithinJoinLimit, peekLimit, sendWithinInvitationLimit, spendLimit, spendSignInRequest } from "./abuse-limits";

let handle: DatabaseHandle;
const limits = {
  RATE_LIMIT_SIGN_IN_PER_EMAIL: "3",
  RATE_LIMIT_SIGN_IN_PER_IP: "4",
  RATE_LIMIT_JOIN_FAILURES_PER_IP: "2",
  RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR: "10",
};
const saved = Object.fromEntries(Object.keys(limits).map((name) => [name, process.env[name]]));
beforeAll(async () => {
  Object.assign(process.env, limits);
  handle = await createTestDatabase();
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await handle.close();
});

const now = new Date("2026-03-01T10:00:00Z");

const spendJoinAttempt = (request: { ip: string; now: Date }) => spendLimit(handle.db, "joinFailuresPerIp", { key: request.ip, now: request.now });

describe("sign-in links", () => {
  it("refuses the address after its limit, with a sentence naming the wait", async () => {
    const request = { email: "flood@example.com", ip: "203.0.113.1", now };
    for (let attempt = 0; attempt < 3; attempt++) expect(await spendSignInRequest(handle.db, request)).toBeNull();
    const refusal = await spendSignInRequest(handle.db, request);
    // 3 hits in this 15-minute window weigh 3·w in the next one; a 4th fits once w ≤ 2/3: 20 minutes on.
    expect(refusal?.message).toBe("Too many sign-in requests. Try again in 20 minutes.");
    expect(refusal?.retryAfterSeconds).toBe(20 * 60);
  });

  it("refuses one client cycling through addresses, without spending the addresses' budgets", async () => {
    const ip = "203.0.113.2";
    for (let attempt = 0; attempt < 4; attempt++) {
      expect(await spendSignInRequest(handle.db, { email: `cycle.${attempt}@example.com`, ip, now })).toBeNull();
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await spendSignInRequest(handle.db, { email: "victim@example.com", ip, now })).not.toBeNull();
    }
    // The refused requests cost the victim's address nothing: from elsewhere it still has its 3.
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await spendSignInRequest(handle.db, { email: "victim@example.com", ip: "203.0.113.3", now })).toBeNull();
    }
  });
});

describe("join links", () => {
  it("counts only the misses: attempts given back for real links never add up", async () => {
    const ip = "203.0.113.4";
    for (let attempt = 0; attempt < 5; attempt++) {
      const opened = await lookUpWithinJoinLimit(handle.db, { ip, now }, async () => "a real link", () => true);
      expect(opened, "a client opening a real link must not be refused").toEqual({ limited: false, result: "a real link" });
    }
    for (let miss = 0; miss < 2; miss++) {
      expect((await lookUpWithinJoinLimit(handle.db, { ip, now }, async () => "no such link", () => false)).limited).toBe(false);
    }
    let lookedUp = false;
    const refused = await lookUpWithinJoinLimit(handle.db, { ip, now }, async () => (lookedUp = true), () => true);
    expect(refused.limited && refused.message).toMatch(/^Too many invitation links that do not work were tried from your network\. Try again in \d+ minutes\.$/);
    expect(lookedUp, "over the limit the link is not even looked up").toBe(false);
  });

  it("opening the page: a real link is read and nothing is written; only misses are counted", async () => {
    const ip = "203.0.113.5";
    const counters = async () => (await handle.db.select().from(rateLimitCounters).where(eq(rateLimitCounters.key, ip))).length;
    for (let open = 0; open < 5; open++) {
      expect(await openWithinJoinLimit(handle.db, { ip, now }, async () => "a real link", () => true)).toEqual({ limited: false, result: "a real link" });
    }
    expect(await counters(), "reading real links writes no counter").toBe(0);
    for (let miss = 0; miss < 2; miss++) {
      expect(await openWithinJoinLimit(handle.db, { ip, now }, async () => "no such link", () => false)).toEqual({ limited: false, result: "no such link" });
    }
    const refused = await openWithinJoinLimit(handle.db, { ip, now }, async () => "no such link", () => false);
    expect(refused.limited && refused.message).toMatch(/^Too many invitation links that do not work were tried from your network\. Try again in \d+ minutes\.$/);
    // The proxy's peek now turns this client away before any page reads a link.
    expect((await peekLimit(handle.db, "joinFailuresPerIp", { key: ip, now }))?.limited).toBe(true);
  });
});

describe("invitations per admin", () => {
  const sendAll = (recipients: number) => async () => ({ result: success(recipients), sent: recipients });

  it("counts recipients, gives back the unsent ones, and says when a batch can never fit", async () => {
    const admin = { adminUserId: "admin-1", now };
    // 8 recipients, one of which is not sent: 7 stay spent.
    expect(await sendWithinInvitationLimit(handle.db, { ...admin, recipients: 8 }, async () => ({ result: success(7), sent: 7 }))).toEqual(success(7));
    let called = false;
    const over = await sendWithinInvitationLimit(handle.db, { ...admin, recipients: 4 }, async () => {
      called = true;
      return { result: success(4), sent: 4 };
    });
    // 7 hits in this hour weigh 7·w in the next one; 4 more fit once w ≤ 6/7: 68.6 minutes on.
    expect(over).toEqual({ ...failure("Too many invitations: you can send 10 an hour. Nothing was sent. Try again in 69 minutes."), retryAfterSeconds: expect.any(Number) });
    expect(called, "over the limit nothing is sent").toBe(false);
    expect(await sendWithinInvitationLimit(handle.db, { ...admin, recipients: 3 }, sendAll(3))).toEqual(success(3));
    const tooLarge = await sendWithinInvitationLimit(handle.db, { adminUserId: "admin-2", now, recipients: 11 }, sendAll(11));
    expect(tooLarge).toEqual({ ...failure("You can send at most 10 invitations an hour. Invite fewer people at once."), retryAfterSeconds: null });
  });

  it("gives everything back when the send fails or throws", async () => {
    const admin = { adminUserId: "admin-failing", now };
    expect(await sendWithinInvitationLimit(handle.db, { ...admin, recipients: 10 }, async () => ({ result: failure("Some fields need your attention."), sent: 0 }))).toEqual(
      failure("Some fields need your attention."),
    );
    await expect(sendWithinInvitationLimit(handle.db, { ...admin, recipients: 10 }, () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await sendWithinInvitationLimit(handle.db, { ...admin, recipients: 10 }, sendAll(10))).toEqual(success(10));
  });
});

describe("the peek proxy.ts makes before a join page", () => {
  it("refuses exactly what a spend would, with the same sentence and wait, spending nothing", async () => {
    const join = { ip: "203.0.113.41", now };
    for (let miss = 0; miss < 2; miss++) {
      expect(await peekLimit(handle.db, "joinFailuresPerIp", { key: join.ip, now })).toBeNull();
      expect((await spendJoinAttempt(join)).limited).toBe(false);
    }
    const peeked = await peekLimit(handle.db, "joinFailuresPerIp", { key: join.ip, now });
    expect(peeked?.message).toMatch(/^Too many invitation links that do not work were tried/);
    expect(await peekLimit(handle.db, "joinFailuresPerIp", { key: join.ip, now })).toEqual(peeked);
    expect(await spendJoinAttempt(join)).toEqual(peeked);
    expect(await peekLimit(handle.db, "joinFailuresPerIp", { key: "203.0.113.42", now })).toBeNull();
  });
});
