import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, members, organizations, webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";
import { joinWithToken } from "@/lib/invitations/join";
import { removeUsers } from "@/lib/invitations/remove-users";
import { resendInvitations } from "@/lib/invitations/resend-invitations";
import { createTestDatabase } from "@/test/support/test-database";
import { inviteOne, inviter, readyOrganization } from "@/test/fixtures/invitations";
import type { UserEventPayload } from "@/lib/webhooks/emit-user-events";
import { changeRoles } from "./change-roles";
import { LAST_ADMIN } from "./last-admin";

let handle: DatabaseHandle;
let organizationId: string;
const start = new Date("2026-11-23T10:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, start)).id;
});
afterAll(() => handle.close());

const roleOf = async (id: string) => (await handle.db.select({ role: members.role }).from(members).where(eq(members.id, id)))[0]!.role;
const change = (memberIds: string[], role: "member" | "admin", now = start) =>
  changeRoles(handle.db, { organizationId, actorEmail: inviter.email, memberIds, role, now });
const remove = (memberIds: string[], now = start) =>
  removeUsers(handle.db, { organizationId, actorEmail: inviter.email, memberIds, now });

describe("changing roles", () => {
  it("changes only who needs it, audits each change and names who already had the role", async () => {
    const ann = await inviteOne(handle.db, organizationId, "ann@roles.test", start);
    const bob = await inviteOne(handle.db, organizationId, "bob@roles.test", start);
    await change([ann.member.id], "admin");
    const result = await change([ann.member.id, bob.member.id], "admin", later(1));
    expect(result).toEqual({
      ok: true,
      data: { changed: [{ id: bob.member.id, email: "bob@roles.test" }], unchanged: [{ id: ann.member.id, email: "ann@roles.test" }] },
    });
    const audited = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "user.role_changed"));
    expect(audited.map((event) => event.details)).toEqual([
      { email: "ann@roles.test", from: "member", to: "admin" },
      { email: "bob@roles.test", from: "member", to: "admin" },
    ]);
  });

  it("refuses to demote the last admin row, and lets one of two go", async () => {
    const admins = await handle.db.select().from(members).where(eq(members.role, "admin"));
    expect(admins).toHaveLength(2);
    expect(await change(admins.map((a) => a.id), "member")).toEqual({ ok: false, message: LAST_ADMIN });
    expect(await roleOf(admins[0]!.id)).toBe("admin");
    expect((await change([admins[0]!.id], "member")).ok).toBe(true);
    expect(await change([admins[1]!.id], "member")).toEqual({ ok: false, message: LAST_ADMIN });
    expect(await roleOf(admins[1]!.id)).toBe("admin");
  });

  it("refuses to remove the last admin row, whatever else is selected, and removes nothing", async () => {
    const [admin] = await handle.db.select().from(members).where(eq(members.role, "admin"));
    const carl = await inviteOne(handle.db, organizationId, "carl@roles.test", start);
    expect(await remove([admin!.id, carl.member.id])).toEqual({ ok: false, message: LAST_ADMIN });
    const [still] = await handle.db.select().from(members).where(eq(members.id, carl.member.id));
    expect(still!.removedAt).toBeNull();
    expect((await remove([carl.member.id])).ok).toBe(true);
  });

  it("decides a demotion and a removal of the last two admins, at the same moment, one after the other", async () => {
    // Twenty rounds, each in an organization of its own with exactly two admin rows: without the
    // organization lock, both transactions count two admins and both go ahead.
    for (let round = 0; round < 20; round++) {
      const [organization] = await handle.db.insert(organizations).values({ name: `Race ${round}` }).returning();
      const admins = await handle.db
        .insert(members)
        .values(
          ["first", "second"].map((name) => ({
            organizationId: organization!.id,
            firstName: name,
            lastName: "Admin",
            email: `${name}.${round}@race.test`,
            role: "admin" as const,
            invitationExpiresAt: later(60),
          })),
        )
        .returning();
      const scoped = { organizationId: organization!.id, actorEmail: inviter.email, now: start };
      const outcomes = await Promise.all([
        changeRoles(handle.db, { ...scoped, memberIds: [admins[0]!.id], role: "member" }),
        removeUsers(handle.db, { ...scoped, memberIds: [admins[1]!.id] }),
      ]);
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, message: LAST_ADMIN }]);
      const left = await handle.db.select().from(members).where(eq(members.organizationId, organization!.id));
      expect(left.filter((row) => row.role === "admin" && row.removedAt === null)).toHaveLength(1);
    }
  });

  it("in an organization without admin rows (its admins are in ADMIN_EMAILS), removing is not held back", async () => {
    const [other] = await handle.db.insert(organizations).values({ name: "No admin rows" }).returning();
    const result = await removeUsers(handle.db, { organizationId: other!.id, actorEmail: inviter.email, memberIds: [crypto.randomUUID()], now: start });
    expect(result.ok).toBe(false);
    expect(result).not.toEqual({ ok: false, message: LAST_ADMIN });
  });
});

describe("webhook events", () => {
  const messagesOfType = async (type: string) =>
    (await handle.db.select().from(webhookMessages).where(eq(webhookMessages.type, type as never))).map(
      (row) => row.payload as unknown as UserEventPayload,
    );

  it("are not written while no endpoint is subscribed", async () => {
    await inviteOne(handle.db, organizationId, "quiet@roles.test", start);
    expect(await handle.db.select().from(webhookMessages)).toEqual([]);
  });

  it("announce each change, in its transaction, to every enabled endpoint subscribed to it", async () => {
    const endpoint = (events: string[], disabledAt: Date | null = null) => ({
      organizationId,
      url: "https://hooks.example.com/roster",
      events,
      secretCiphertext: "not used here",
      disabledAt,
    });
    const [all, onlyEnrolled] = await handle.db
      .insert(webhookEndpoints)
      .values([
        endpoint(["user.invited", "user.enrolled", "user.removed", "user.role_changed", "invitation.resent"]),
        endpoint(["user.enrolled"]),
        endpoint(["user.invited", "user.enrolled"], start),
      ])
      .returning();

    const eve = await inviteOne(handle.db, organizationId, "eve@roles.test", later(2));
    const [invited] = await messagesOfType("user.invited");
    expect(invited).toEqual({
      type: "user.invited",
      timestamp: later(2).toISOString(),
      data: {
        organizationId,
        user: {
          id: eve.member.id,
          firstName: "Ada",
          lastName: "Lovelace",
          email: "eve@roles.test",
          role: "member",
          status: "pending",
          invitedAt: later(2).toISOString(),
          expiresAt: new Date(later(2).getTime() + 30 * 86_400_000).toISOString(),
          enrolledAt: null,
          delivery: "queued",
        },
      },
    });

    await resendInvitations(handle.db, { organizationId, inviter, memberIds: [eve.member.id], now: later(3) });
    await change([eve.member.id], "admin", later(4));
    const { tokenEmailedTo } = await import("@/test/fixtures/invitations");
    expect((await joinWithToken(handle.db, await tokenEmailedTo(handle.db, "eve@roles.test"), later(5))).ok).toBe(true);
    const [enrolled] = await messagesOfType("user.enrolled");
    expect(enrolled!.data.user).toMatchObject({ status: "enrolled", role: "admin", enrolledAt: later(5).toISOString(), expiresAt: null });
    expect((await messagesOfType("user.role_changed"))[0]!.data.user.role).toBe("admin");
    expect(await messagesOfType("invitation.resent")).toHaveLength(1);

    const deliveries = await handle.db.select().from(webhookDeliveries);
    const to = (endpointId: string) => deliveries.filter((delivery) => delivery.endpointId === endpointId).length;
    expect(to(all!.id)).toBe(4);
    expect(to(onlyEnrolled!.id)).toBe(1);
    expect(deliveries).toHaveLength(5); // nothing for the disabled endpoint
  });

  it("are not written when the change is refused", async () => {
    const before = (await handle.db.select().from(webhookMessages)).length;
    const admins = await handle.db.select().from(members).where(eq(members.role, "admin"));
    const listedAdmins = admins.filter((row) => row.removedAt === null).map((row) => row.id);
    expect((await change(listedAdmins, "member", later(6))).ok).toBe(false);
    expect(await handle.db.select().from(webhookMessages)).toHaveLength(before);
  });
});
