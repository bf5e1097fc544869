import { and, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, members } from "@/db/schema";
import { createTestDatabase } from "@/test/support/test-database";
import { expectConsistentOrganization } from "@/test/stress/invariants";
import { inviteUsers } from "./invite-users";
import { removeUsers } from "./remove-users";
import { resendInvitations } from "./resend-invitations";
import { inviter, person, readyOrganization } from "@/test/fixtures/invitations";

/**
 * Two admins act on the same users at the same moment: one resends, the other removes them and
 * invites the same addresses again, interleaved every way the database allows. The end state must
 * satisfy every constraint and derived status, and the audit trail must record each change that
 * took effect exactly once (and nothing that did not).
 */
let handle: DatabaseHandle;
let organizationId: string;
const start = new Date("2026-11-23T10:00:00Z");
const secondAdmin = { ...inviter, email: "second-admin@example.com", displayName: "Second Admin" };
const ROUNDS = 25;
const USERS_PER_ROUND = 4;

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, start)).id;
});
afterAll(() => handle.close());

async function listedIds(emailsOfRound: string[]) {
  const rows = await handle.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), inArray(members.email, emailsOfRound), isNull(members.removedAt)));
  return rows.map((row) => row.id);
}

async function auditOf(action: string, actor: string, since: Date) {
  const rows = await handle.db
    .select({ memberId: auditEvents.memberId, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.actorEmail, actor), eq(auditEvents.organizationId, organizationId)));
  return rows.filter((row) => row.createdAt.getTime() === since.getTime()).map((row) => row.memberId!).sort();
}

describe("two admins on the same users at once", () => {
  it(`${ROUNDS} rounds of resend, remove and re-invite of the same addresses stay consistent and audited once`, async () => {
    const effects = { resent: 0, removed: 0, reinvited: 0, refusedInvites: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const addresses = Array.from({ length: USERS_PER_ROUND }, (_, index) => `shared${round}-${index}@acme.test`);
      const invitedAt = new Date(start.getTime() + round * 600_000);
      const created = await inviteUsers(handle.db, { organizationId, inviter, rows: addresses.map((a) => person(a)), now: invitedAt });
      if (!created.ok) throw new Error(created.message);
      const ids = created.data.memberIds;
      // Each admin's actions carry their own timestamp so the audit trail tells them apart.
      const [resendAt, removeAt, reinviteAt, secondResendAt] = [1, 2, 3, 4].map((s) => new Date(invitedAt.getTime() + s * 1_000));

      const settled = await Promise.allSettled([
        resendInvitations(handle.db, { organizationId, inviter, memberIds: ids, now: resendAt! }),
        removeUsers(handle.db, { organizationId, actorEmail: secondAdmin.email, memberIds: ids.slice(0, 2), now: removeAt! }),
        inviteUsers(handle.db, { organizationId, inviter: secondAdmin, rows: addresses.slice(0, 2).map((a) => person(a)), now: reinviteAt! }),
        // The second admin also resends the users the first one resends, at the same moment.
        resendInvitations(handle.db, { organizationId, inviter: secondAdmin, memberIds: ids.slice(1), now: secondResendAt! }),
      ]);
      expect(settled.filter((outcome) => outcome.status === "rejected")).toEqual([]);
      const [resend, removal, reinvite, secondResend] = settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as [
        Awaited<ReturnType<typeof resendInvitations>>,
        Awaited<ReturnType<typeof removeUsers>>,
        Awaited<ReturnType<typeof inviteUsers>>,
        Awaited<ReturnType<typeof resendInvitations>>,
      ];

      // The removal always finds both users listed; the re-invite works only if it saw them removed.
      expect(removal).toMatchObject({ ok: true });
      const removedIds = removal.ok ? removal.data.removed.map((row) => row.id).sort() : [];
      expect(removedIds).toEqual(ids.slice(0, 2).sort());
      const reinvitedIds = reinvite.ok ? [...reinvite.data.memberIds].sort() : [];
      if (reinvite.ok) effects.reinvited++;
      else effects.refusedInvites++;

      const resentIds = (result: typeof resend) => (result.ok ? result.data.resent.map((p) => p.id).sort() : []);
      // Nobody is resent twice within the minute, whichever admin came first.
      const firstResent = resentIds(resend);
      const secondResent = resentIds(secondResend);
      expect(firstResent.filter((id) => secondResent.includes(id))).toEqual([]);
      effects.resent += firstResent.length + secondResent.length;
      effects.removed += removedIds.length;

      // The audit trail records exactly the changes that took effect, each once.
      expect(await auditOf("user.invitation_resent", inviter.email, resendAt!)).toEqual(firstResent);
      expect(await auditOf("user.invitation_resent", secondAdmin.email, secondResendAt!)).toEqual(secondResent);
      expect(await auditOf("user.removed", secondAdmin.email, removeAt!)).toEqual(removedIds);
      expect(await auditOf("user.invited", secondAdmin.email, reinviteAt!)).toEqual(reinvitedIds);

      // The listed users of these addresses: the two untouched ones and, if it worked, the re-invited two.
      expect((await listedIds(addresses)).sort()).toEqual([...ids.slice(2), ...reinvitedIds].sort());
    }
    console.log(`two admins: ${JSON.stringify(effects)}`);
    expect(effects.resent).toBeGreaterThan(0);
    await expectConsistentOrganization(handle.db, organizationId);
  });
});
