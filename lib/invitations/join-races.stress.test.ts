import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emails, members } from "@/db/schema";
import { createTestDatabase } from "@/test/support/test-database";
import { auditCounts, expectConsistentOrganization, removalWasLastChange } from "@/test/stress/invariants";
import { joinWithToken } from "./join";
import { removeUsers } from "./remove-users";
import { resendInvitations } from "./resend-invitations";
import { inviteOne, invitationsOf, inviter, readyOrganization, tokenEmailedTo } from "@/test/fixtures/invitations";

/**
 * Heavy versions of the join races (`npm run test:stress`). On PGlite the single connection
 * serialises the transactions, on PostgreSQL they really overlap: both must give the same guarantees.
 */
let handle: DatabaseHandle;
let organizationId: string;
const start = new Date("2026-11-23T10:00:00Z");
const later = (ms: number) => new Date(start.getTime() + ms);

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, start)).id;
});
afterAll(() => handle.close());

/**
 * Runs both at once on even rounds; on odd rounds gives the second a 2 ms head start. PGlite runs
 * transactions one after another in the order they ask, so this is how it sees both orders.
 */
async function inEitherOrder<A, B>(round: number, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  if (round % 2 === 0) return Promise.all([first(), second()]);
  const secondStarted = second();
  await new Promise((resolve) => setTimeout(resolve, 2));
  return [await first(), await secondStarted];
}

async function memberRow(id: string) {
  const [row] = await handle.db.select().from(members).where(eq(members.id, id));
  return row!;
}

describe("concurrent joins", () => {
  it("50 concurrent joins of one token enrol exactly once; the other 49 are told the link was used", async () => {
    const { member, token } = await inviteOne(handle.db, organizationId, "fifty@acme.test", start);
    const settled = await Promise.allSettled(Array.from({ length: 50 }, () => joinWithToken(handle.db, token, later(1_000))));
    expect(settled.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    const results = settled.map((outcome) => (outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof joinWithToken>>>).value);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.lookup.state)).toEqual(Array(49).fill("used"));
    expect((await memberRow(member.id)).enrolledAt).toEqual(later(1_000));
    expect((await invitationsOf(handle.db, member.id)).filter((invitation) => invitation.usedAt)).toHaveLength(1);
    expect(await auditCounts(handle.db, [member.id])).toEqual({ "user.invited": 1, "user.enrolled": 1 });
  });
});

describe("remove racing join, 100 rounds", () => {
  /*
   * SPEC: "No user is Enrolled after being removed, whatever the order of concurrent remove and join."
   * Precisely, after both have finished the user is removed, the removal was the last change to the
   * user's row, and exactly one of two histories happened:
   * - join first: the join succeeded, the link is used (not revoked), enrolledAt <= removedAt, and the
   *   audit trail holds user.enrolled and user.removed;
   * - removal first: the join was refused as "revoked", the link is revoked (not used), enrolledAt is
   *   null, and the audit trail holds user.removed only.
   * Anything else (enrolled with a revoked link, enrolled while the join was refused, ...) is a bug.
   */
  it("the user ends removed and never Enrolled after the removal", async () => {
    const histories = { joinFirst: 0, removalFirst: 0 };
    for (let round = 0; round < 100; round++) {
      const { member, token } = await inviteOne(handle.db, organizationId, `racer${round}@acme.test`, start);
      const [joined, removed] = await inEitherOrder(
        round,
        () => joinWithToken(handle.db, token, later(1_000)),
        () => removeUsers(handle.db, { organizationId, actorEmail: inviter.email, memberIds: [member.id], now: later(1_000) }),
      );
      expect(removed.ok).toBe(true);
      const after = await memberRow(member.id);
      const [invitation] = await invitationsOf(handle.db, member.id);
      expect(after.removedAt).toEqual(later(1_000));
      // Whatever the order, nothing changed the user after the removal (an enrolment, say).
      expect(await removalWasLastChange(handle.db, member.id)).toBe(true);
      const audit = await auditCounts(handle.db, [member.id]);
      if (joined.ok) {
        histories.joinFirst++;
        expect(invitation).toMatchObject({ usedAt: later(1_000), revokedAt: null });
        expect(after.enrolledAt!.getTime()).toBeLessThanOrEqual(after.removedAt!.getTime());
        expect(audit).toEqual({ "user.invited": 1, "user.enrolled": 1, "user.removed": 1 });
      } else {
        histories.removalFirst++;
        expect(joined.lookup.state).toBe("revoked");
        expect(invitation).toMatchObject({ usedAt: null, revokedAt: later(1_000) });
        expect(after.enrolledAt).toBeNull();
        expect(audit).toEqual({ "user.invited": 1, "user.removed": 1 });
      }
    }
    console.log(`remove vs join: ${histories.joinFirst} joins first, ${histories.removalFirst} removals first`);
    await expectConsistentOrganization(handle.db, organizationId);
  });
});

describe("resend racing join, 60 rounds", () => {
  /*
   * Join first: the user is Enrolled with the old link, and the resend skips them (no new link, no
   * email). Resend first: the old link was replaced and the join is refused as "replaced"; the new
   * link is the only live one and exactly one new email waits for it.
   */
  it("the old link either joined before it was replaced or is refused; one live link and one email per resend", async () => {
    const histories = { joinFirst: 0, resendFirst: 0 };
    for (let round = 0; round < 60; round++) {
      const email = `resender${round}@acme.test`;
      const { member, token } = await inviteOne(handle.db, organizationId, email, start);
      const [joined, resent] = await inEitherOrder(
        round,
        () => joinWithToken(handle.db, token, later(2_000)),
        () => resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: later(2_000) }),
      );
      if (!resent.ok) throw new Error(resent.message);
      const after = await memberRow(member.id);
      const all = await invitationsOf(handle.db, member.id);
      const live = all.filter((invitation) => !invitation.usedAt && !invitation.replacedAt && !invitation.revokedAt);
      const mail = await handle.db.select().from(emails).where(eq(emails.memberId, member.id));
      if (joined.ok) {
        histories.joinFirst++;
        expect(resent.data).toMatchObject({ resent: [], skippedEnrolled: [{ id: member.id }] });
        expect(after.enrolledAt).toEqual(later(2_000));
        expect(all).toHaveLength(1);
        expect(live).toHaveLength(0);
        expect(mail).toHaveLength(1);
        expect(await auditCounts(handle.db, [member.id])).toEqual({ "user.invited": 1, "user.enrolled": 1 });
      } else {
        histories.resendFirst++;
        expect(joined.lookup.state).toBe("replaced");
        expect(resent.data.resent.map((person) => person.id)).toEqual([member.id]);
        expect(after.enrolledAt).toBeNull();
        expect(all).toHaveLength(2);
        expect(live).toHaveLength(1);
        expect(mail.filter((row) => row.status === "queued").map((row) => row.invitationId)).toEqual([live[0]!.id]);
        expect(mail).toHaveLength(2);
        expect((await joinWithToken(handle.db, await tokenEmailedTo(handle.db, email), later(3_000))).ok).toBe(true);
        expect(await auditCounts(handle.db, [member.id])).toEqual({ "user.invited": 1, "user.invitation_resent": 1, "user.enrolled": 1 });
      }
    }
    console.log(`resend vs join: ${histories.joinFirst} joins first, ${histories.resendFirst} resends first`);
    await expectConsistentOrganization(handle.db, organizationId);
  });
});
