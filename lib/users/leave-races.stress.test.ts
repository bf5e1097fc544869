import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { members, webhookMessages } from "@/db/schema";
import { removeUsers } from "@/lib/invitations/remove-users";
import type { UserEventPayload } from "@/lib/webhooks/emit-user-events";
import { anotherOrganization, enrolledUser, subscribedEndpoint } from "@/test/fixtures/memberships";
import { inviter } from "@/test/fixtures/invitations";
import { auditCounts } from "@/test/stress/invariants";
import { createTestDatabase } from "@/test/support/test-database";
import { changeRoles } from "./change-roles";
import { LAST_ADMIN } from "./last-admin";
import { LAST_ADMIN_LEAVING, leaveOrganization, NOT_A_USER } from "./leave-organization";

/**
 * A person leaves at the very moment an admin removes them, demotes them, or demotes the only other
 * admin. Each pair is started together, in a fresh organization per round, and the end state is read
 * back: the membership ends exactly once (one audit event, one webhook message, of the side that won),
 * a role change never lands on a row that already left, and an organization that had admin rows keeps one.
 */
let handle: DatabaseHandle;
const start = new Date("2026-11-23T10:00:00Z");
const ROUNDS = 100;
const at = (round: number, second: number) => new Date(start.getTime() + round * 60_000 + second * 1_000);

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function organizationForRound(name: string) {
  const organization = await anotherOrganization(handle.db, name, start);
  await subscribedEndpoint(handle.db, organization.id, ["user.left", "user.removed", "user.role_changed"]);
  return organization.id;
}

const rowOf = async (id: string) => (await handle.db.select().from(members).where(eq(members.id, id)))[0]!;
const messagesAbout = async (memberId: string) =>
  (await handle.db.select().from(webhookMessages).where(sql`${webhookMessages.payload}->'data'->'user'->>'id' = ${memberId}`)).map(
    (row) => row.payload as unknown as UserEventPayload,
  );
/**
 * Starts both at once, the one or the other first by turns (on PGlite, whose single connection runs
 * transactions one at a time, the first started is the first done: both orders are played there too).
 */
async function together<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (round % 2 === 0) return Promise.all([a(), b()]);
  const [second, first] = await Promise.all([b(), a()]);
  return [first, second];
}
const listedAdmins = async (organizationId: string) =>
  handle.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.role, "admin"), isNull(members.removedAt)));

describe("leave racing remove", () => {
  it(`${ROUNDS} rounds: exactly one of them ends the membership, recorded and announced once`, async () => {
    const wins = { left: 0, removed: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const organizationId = await organizationForRound(`Leave or remove ${round}`);
      const admin = await enrolledUser(handle.db, organizationId, `admin.${round}@race.test`, "admin", start);
      const leaver = await enrolledUser(handle.db, organizationId, `leaver.${round}@race.test`, "member", start);

      const [left, removed] = await together(
        round,
        () => leaveOrganization(handle.db, { organizationId, email: leaver.email, now: at(round, 1) }),
        () => removeUsers(handle.db, { organizationId, actorEmail: inviter.email, memberIds: [leaver.id], now: at(round, 2) }),
      );

      // One wins; the other is told the person is gone, in its own words.
      expect([left.ok, removed.ok].filter(Boolean), `round ${round}: ${JSON.stringify([left, removed])}`).toHaveLength(1);
      if (!left.ok) expect(left.message).toBe(NOT_A_USER);
      if (!removed.ok) expect(removed.message).toMatch(/^None of the selected users/);
      const winner = left.ok ? "user.left" : "user.removed";
      wins[left.ok ? "left" : "removed"]++;

      const row = await rowOf(leaver.id);
      expect(row.removedAt).toEqual(left.ok ? at(round, 1) : at(round, 2));
      const audited = await auditCounts(handle.db, [leaver.id]);
      expect({ left: audited["user.left"] ?? 0, removed: audited["user.removed"] ?? 0 }).toEqual(
        left.ok ? { left: 1, removed: 0 } : { left: 0, removed: 1 },
      );
      expect((await messagesAbout(leaver.id)).map((message) => message.type)).toEqual([winner]);
      expect((await listedAdmins(organizationId)).map((one) => one.id)).toEqual([admin.id]);
    }
    console.log(`leave racing remove: ${JSON.stringify(wins)}`);
    // Both orders were played, or the test proved less than it says.
    expect(wins.left).toBeGreaterThan(0);
    expect(wins.removed).toBeGreaterThan(0);
  });
});

describe("leave racing a role change", () => {
  it(`${ROUNDS} rounds of an admin leaving while the other admin is demoted: never no admin row, one of them goes through`, async () => {
    const wins = { left: 0, demoted: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const organizationId = await organizationForRound(`Leave or demote the other ${round}`);
      const leaving = await enrolledUser(handle.db, organizationId, `leaving.${round}@race.test`, "admin", start);
      const other = await enrolledUser(handle.db, organizationId, `other.${round}@race.test`, "admin", start);

      const [left, demoted] = await together(
        round,
        () => leaveOrganization(handle.db, { organizationId, email: leaving.email, now: at(round, 1) }),
        () => changeRoles(handle.db, { organizationId, actorEmail: inviter.email, memberIds: [other.id], role: "member", now: at(round, 2) }),
      );

      // Whichever came second would have left no admin row, and was refused.
      expect([left.ok, demoted.ok].filter(Boolean), `round ${round}: ${JSON.stringify([left, demoted])}`).toHaveLength(1);
      if (!left.ok) expect(left.message).toBe(LAST_ADMIN_LEAVING);
      if (!demoted.ok) expect(demoted.message).toBe(LAST_ADMIN);
      wins[left.ok ? "left" : "demoted"]++;
      expect(await listedAdmins(organizationId)).toHaveLength(1);
      expect((await auditCounts(handle.db, [leaving.id]))["user.left"] ?? 0).toBe(left.ok ? 1 : 0);
      expect((await auditCounts(handle.db, [other.id]))["user.role_changed"] ?? 0).toBe(demoted.ok ? 1 : 0);
    }
    console.log(`leave racing the other admin's demotion: ${JSON.stringify(wins)}`);
    // Both orders were played, or the test proved less than it says.
    expect(wins.left).toBeGreaterThan(0);
    expect(wins.demoted).toBeGreaterThan(0);
  });

  it(`${ROUNDS} rounds of an admin leaving while being demoted: they leave once, and a demotion never lands on the row that left`, async () => {
    const outcomes = { demotedThenLeft: 0, leftDemotionRefused: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const organizationId = await organizationForRound(`Leave or be demoted ${round}`);
      const leaving = await enrolledUser(handle.db, organizationId, `demoted.${round}@race.test`, "admin", start);
      const stays = await enrolledUser(handle.db, organizationId, `stays.${round}@race.test`, "admin", start);

      const [left, demoted] = await together(
        round,
        () => leaveOrganization(handle.db, { organizationId, email: leaving.email, now: at(round, 1) }),
        () => changeRoles(handle.db, { organizationId, actorEmail: inviter.email, memberIds: [leaving.id], role: "member", now: at(round, 2) }),
      );

      // Leaving is allowed either way: before the demotion as one of two admins, after it as a member.
      expect(left, `round ${round}`).toEqual({ ok: true, data: { memberId: leaving.id } });
      const row = await rowOf(leaving.id);
      expect(row.removedAt).toEqual(at(round, 1));
      const audited = await auditCounts(handle.db, [leaving.id]);
      expect(audited["user.left"]).toBe(1);
      const announced = await messagesAbout(leaving.id);
      expect(announced.filter((message) => message.type === "user.left")).toHaveLength(1);
      if (demoted.ok) {
        // The demotion came first: the row left as a member, and user.left says so.
        outcomes.demotedThenLeft++;
        expect(row.role).toBe("member");
        expect(audited["user.role_changed"]).toBe(1);
        expect(announced.map((message) => [message.type, message.data.user.role]).sort()).toEqual([
          ["user.left", "member"],
          ["user.role_changed", "member"],
        ]);
      } else {
        // The leave came first: the demotion found nobody to change and changed nothing.
        outcomes.leftDemotionRefused++;
        expect(demoted.message).toMatch(/^None of the selected users/);
        expect(row.role).toBe("admin");
        expect(audited["user.role_changed"] ?? 0).toBe(0);
        expect(announced.map((message) => message.type)).toEqual(["user.left"]);
      }
      expect((await listedAdmins(organizationId)).map((one) => one.id)).toEqual([stays.id]);
    }
    console.log(`leave racing one's own demotion: ${JSON.stringify(outcomes)}`);
    // Both orders were played, or the test proved less than it says.
    expect(outcomes.demotedThenLeft).toBeGreaterThan(0);
    expect(outcomes.leftDemotionRefused).toBeGreaterThan(0);
  });
});
