import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "@/test/support/test-database";
import {
  invitationRefusalNow,
  joinRefusalNow,
  limitSignInRequest,
  signInRefusalNow,
  spendInvitationQuota,
  spendJoinAttempt,
} from "./abuse-limits";

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

describe("sign-in links", () => {
  it("refuses the address after its limit, with a sentence naming the wait", async () => {
    const request = { email: "flood@example.com", ip: "203.0.113.1", now };
    for (let attempt = 0; attempt < 3; attempt++) expect(await limitSignInRequest(handle.db, request)).toBeNull();
    const refusal = await limitSignInRequest(handle.db, request);
    // 3 hits in this 15-minute window weigh 3·w in the next one; a 4th fits once w ≤ 2/3: 20 minutes on.
    expect(refusal?.message).toBe("Too many sign-in requests. Try again in 20 minutes.");
    expect(refusal?.retryAfterSeconds).toBe(20 * 60);
  });

  it("refuses one client cycling through addresses, without spending the addresses' budgets", async () => {
    const ip = "203.0.113.2";
    for (let attempt = 0; attempt < 4; attempt++) {
      expect(await limitSignInRequest(handle.db, { email: `cycle.${attempt}@example.com`, ip, now })).toBeNull();
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await limitSignInRequest(handle.db, { email: "victim@example.com", ip, now })).not.toBeNull();
    }
    // The refused requests cost the victim's address nothing: from elsewhere it still has its 3.
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await limitSignInRequest(handle.db, { email: "victim@example.com", ip: "203.0.113.3", now })).toBeNull();
    }
  });
});

describe("join links", () => {
  it("counts only the misses: attempts given back for real links never add up", async () => {
    const ip = "203.0.113.4";
    for (let attempt = 0; attempt < 5; attempt++) {
      const spent = await spendJoinAttempt(handle.db, { ip, now });
      if (spent.limited) throw new Error("a client opening a real link must not be refused");
      await spent.giveBack();
    }
    expect((await spendJoinAttempt(handle.db, { ip, now })).limited).toBe(false);
    expect((await spendJoinAttempt(handle.db, { ip, now })).limited).toBe(false);
    const refused = await spendJoinAttempt(handle.db, { ip, now });
    expect(refused.limited && refused.message).toMatch(/^Too many invitation links that do not work were tried from your network\. Try again in \d+ minutes\.$/);
  });
});

describe("invitations per admin", () => {
  it("counts recipients, gives back the unsent ones, and says when a batch can never fit", async () => {
    const admin = { adminUserId: "admin-1", now };
    const first = await spendInvitationQuota(handle.db, { ...admin, recipients: 8 });
    if (first.limited) throw new Error("8 of 10 must fit");
    const over = await spendInvitationQuota(handle.db, { ...admin, recipients: 3 });
    expect(over.limited && over.message).toBe("Too many invitations: you can send 10 an hour. Nothing was sent. Try again in 68 minutes.");
    await first.giveBack(1); // one of the 8 was not sent
    expect((await spendInvitationQuota(handle.db, { ...admin, recipients: 3 })).limited).toBe(false);
    const tooLarge = await spendInvitationQuota(handle.db, { adminUserId: "admin-2", now, recipients: 11 });
    expect(tooLarge.limited && tooLarge.message).toBe("You can send at most 10 invitations an hour. Invite fewer people at once.");
  });
});

describe("refusals read before a request runs (for proxy.ts's 429)", () => {
  it("refuse exactly the requests their spending counterparts would, with the same sentence", async () => {
    const signIn = { email: "peeked@example.com", ip: "203.0.113.40", now };
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await signInRefusalNow(handle.db, signIn)).toBeNull();
      expect(await limitSignInRequest(handle.db, signIn)).toBeNull();
    }
    const peeked = await signInRefusalNow(handle.db, signIn);
    expect(peeked?.message).toBe("Too many sign-in requests. Try again in 20 minutes.");
    expect(await limitSignInRequest(handle.db, signIn)).toEqual(peeked);
    // Without an address to read, the client's own budget (4 per IP; 3 spent) is all that is checked.
    expect(await signInRefusalNow(handle.db, { ...signIn, email: null })).toBeNull();

    const join = { ip: "203.0.113.41", now };
    for (let miss = 0; miss < 2; miss++) expect((await spendJoinAttempt(handle.db, join)).limited).toBe(false);
    expect((await joinRefusalNow(handle.db, join))?.message).toMatch(/^Too many invitation links that do not work were tried/);
    expect(await joinRefusalNow(handle.db, { ip: "203.0.113.42", now })).toBeNull();
  });

  it("refuse an admin's invitations that do not fit in what is left, and leave one that never fits to the action", async () => {
    const admin = { adminUserId: "admin-peeked", now };
    await spendInvitationQuota(handle.db, { ...admin, recipients: 8 });
    expect(await invitationRefusalNow(handle.db, { ...admin, recipients: 2 })).toBeNull();
    const refusal = await invitationRefusalNow(handle.db, { ...admin, recipients: 3 });
    expect(refusal?.message).toMatch(/^Too many invitations: you can send 10 an hour\. Nothing was sent\. Try again in \d+ minutes\.$/);
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await invitationRefusalNow(handle.db, { ...admin, recipients: 11 })).toBeNull();
  });
});
