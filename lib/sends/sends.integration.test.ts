import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { authUsers, emails, sends } from "@/db/schema";
import { deliverNextBatch } from "@/lib/email/delivery-worker";
import { captureTransport } from "@/lib/email/mail-transport";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { joinWithToken } from "@/lib/invitations/join";
import { removeUsers } from "@/lib/invitations/remove-users";
import { resendInvitations } from "@/lib/invitations/resend-invitations";
import { listUsers } from "@/lib/users/list-users";
import { person, readyOrganization, tokenEmailedTo } from "@/test/fixtures/invitations";
import { anotherOrganization } from "@/test/fixtures/memberships";
import { createTestDatabase } from "@/test/support/test-database";
import { describeOutcome } from "./send-outcome";
import { dismissSend, getSend, readSendProgress, retryFailedEmails, sendCounts, sendToWatch } from "./sends";

let handle: DatabaseHandle;
let organizationId: string;
let adminId: string;
const start = new Date("2026-12-02T09:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, start)).id;
  adminId = (await handle.db.insert(authUsers).values({ email: "sender@sends.test", name: "Sam Sender" }).returning())[0]!.id;
});
afterAll(() => handle.close());

const admin = { userId: () => adminId, email: "sender@sends.test", displayName: "Sam Sender" };
const inviterNow = () => ({ userId: admin.userId(), email: admin.email, displayName: admin.displayName });

async function invite(addresses: string[], now: Date) {
  const result = await inviteUsers(handle.db, { organizationId, inviter: inviterNow(), rows: addresses.map((address) => person(address)), now });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

/** Every queued email through the capture transport, as the workers would send them. */
async function deliverAll() {
  while ((await deliverNextBatch(handle.db, { transport: captureTransport })).state !== "idle");
}

const usersOfSend = async (send: string, now: Date, status: ("pending" | "expired" | "enrolled")[] = []) =>
  (await listUsers(handle.db, organizationId, { q: "", status, send, sort: "email", dir: "asc", page: 1, perPage: 100 }, now)).rows.map(
    (row) => row.email,
  );

describe("A send", () => {
  it("is recorded with its emails in the invitation's transaction, and counts them from queued to sent, delivered, bounced, failed and joined", async () => {
    const addresses = ["a@sends.test", "b@sends.test", "c@sends.test", "d@sends.test"];
    const { sendId } = await invite(addresses, start);
    const [send] = await handle.db.select().from(sends).where(eq(sends.id, sendId));
    expect(send).toMatchObject({ organizationId, kind: "invitation", actorUserId: adminId, actorEmail: admin.email, recipients: 4 });
    expect(await sendCounts(handle.db, organizationId, sendId)).toEqual({
      total: 4, queued: 4, sent: 0, delivered: 0, bounced: 0, failed: 0, cancelled: 0, joined: 0,
    });

    // The progress bar's reading: how many are still queued, and the counts only once none is.
    expect(await readSendProgress(handle.db, organizationId, sendId)).toEqual({ total: 4, queued: 4, counts: null });

    await deliverAll();
    expect(await readSendProgress(handle.db, organizationId, sendId)).toEqual({
      total: 4,
      queued: 0,
      counts: { total: 4, queued: 0, sent: 4, delivered: 0, bounced: 0, failed: 0, cancelled: 0, joined: 0 },
    });
    const token = await tokenEmailedTo(handle.db, "a@sends.test");
    expect((await joinWithToken(handle.db, token, later(1))).ok).toBe(true);
    // What the provider's webhooks and a give-up would have written.
    await handle.db.update(emails).set({ status: "delivered" }).where(eq(emails.toAddress, "a@sends.test"));
    await handle.db.update(emails).set({ status: "bounced" }).where(eq(emails.toAddress, "b@sends.test"));
    await handle.db.update(emails).set({ status: "failed", lastError: "boom" }).where(eq(emails.toAddress, "c@sends.test"));

    const counts = await sendCounts(handle.db, organizationId, sendId);
    expect(counts).toEqual({ total: 4, queued: 0, sent: 3, delivered: 1, bounced: 1, failed: 1, cancelled: 0, joined: 1 });
    expect(describeOutcome(counts!)).toBe("3 sent · 1 bounced · 1 failed");
    expect(await usersOfSend(sendId, later(2))).toEqual(addresses);
    expect(await usersOfSend(sendId, later(2), ["pending", "expired"])).toEqual(["b@sends.test", "c@sends.test", "d@sends.test"]);
  });

  it("Retry failed queues the failed emails again with the same link, and leaves those whose link no longer works", async () => {
    const { sendId, memberIds } = await invite(["retry.1@sends.test", "retry.2@sends.test", "retry.3@sends.test"], start);
    await deliverAll();
    const linkBefore = await tokenEmailedTo(handle.db, "retry.1@sends.test");
    const failed = await handle.db
      .update(emails)
      .set({ status: "failed", lastError: "provider down" })
      .where(eq(emails.sendId, sendId))
      .returning({ id: emails.id, memberId: emails.memberId, to: emails.toAddress });
    expect(failed).toHaveLength(3);
    // Capture mail keeps its bodies; provider mail that failed keeps them too (the worker no longer erases them).
    // One user was removed since: their link is revoked.
    await removeUsers(handle.db, { organizationId, actorEmail: admin.email, memberIds: [memberIds[2]!], now: later(1) });

    const outcome = await retryFailedEmails(handle.db, { organizationId, sendId, now: later(2) });
    expect(outcome).toEqual({ retried: 2, deadLinks: 1 });
    expect((await sendCounts(handle.db, organizationId, sendId))!).toMatchObject({ queued: 2, failed: 1 });
    await deliverAll();
    expect(await tokenEmailedTo(handle.db, "retry.1@sends.test")).toBe(linkBefore);
    expect((await sendCounts(handle.db, organizationId, sendId))!).toMatchObject({ queued: 0, sent: 2, failed: 1 });
    // Nothing to retry twice.
    expect(await retryFailedEmails(handle.db, { organizationId, sendId, now: later(3) })).toEqual({ retried: 0, deadLinks: 1 });
  });

  it("a resend is a send of its own; the Users page watches the admin's newest send until they dismiss it", async () => {
    const first = await invite(["watch.1@sends.test", "watch.2@sends.test"], later(10));
    expect((await sendToWatch(handle.db, { organizationId, userId: adminId, now: later(11) }))?.id).toBe(first.sendId);

    const resent = await resendInvitations(handle.db, {
      organizationId,
      inviter: inviterNow(),
      view: { q: "", status: ["pending", "expired"], send: first.sendId },
      now: later(12),
    });
    expect(resent.ok && resent.data.resent.map((person) => person.email)).toEqual(["watch.1@sends.test", "watch.2@sends.test"]);
    const resendId = resent.ok ? resent.data.sendId! : "";
    expect(await getSend(handle.db, organizationId, resendId)).toMatchObject({ kind: "resend", actorEmail: admin.email, counts: { total: 2, queued: 2 } });
    // The first send's emails to them, if still queued, were cancelled by the resend.
    expect((await sendCounts(handle.db, organizationId, first.sendId))!).toMatchObject({ total: 2, cancelled: 2 });
    expect((await sendToWatch(handle.db, { organizationId, userId: adminId, now: later(13) }))?.id).toBe(resendId);

    expect(await dismissSend(handle.db, { organizationId, userId: adminId, sendId: resendId, now: later(14) })).toBe(true);
    expect(await sendToWatch(handle.db, { organizationId, userId: adminId, now: later(15) })).toBeNull();
    // A day later, an undismissed send is no longer shown either.
    const third = await invite(["watch.3@sends.test"], later(20));
    expect((await sendToWatch(handle.db, { organizationId, userId: adminId, now: later(21) }))?.id).toBe(third.sendId);
    expect(await sendToWatch(handle.db, { organizationId, userId: adminId, now: later(20 + 24 * 60 + 1) })).toBeNull();
  });

  it("belongs to its organization: another one can neither read, filter by, retry nor dismiss it", async () => {
    const { sendId } = await invite(["scoped@sends.test"], start);
    const other = await anotherOrganization(handle.db, "Other Org", start);
    expect(await sendCounts(handle.db, other.id, sendId)).toBeNull();
    expect(await readSendProgress(handle.db, other.id, sendId)).toBeNull();
    expect(await getSend(handle.db, other.id, sendId)).toBeNull();
    expect(await retryFailedEmails(handle.db, { organizationId: other.id, sendId, now: later(1) })).toEqual({ retried: 0, deadLinks: 0 });
    expect(await dismissSend(handle.db, { organizationId: other.id, userId: adminId, sendId, now: later(1) })).toBe(false);
    const otherView = await listUsers(handle.db, other.id, { q: "", status: [], send: sendId, sort: "email", dir: "asc", page: 1, perPage: 10 }, later(1));
    expect(otherView.total).toBe(0);
  });
});
