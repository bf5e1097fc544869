import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, invitations, members, webhookDeliveries, webhookMessages } from "@/db/schema";
import { inviteUsers } from "@/lib/invitations/invite-users";
import type { UserEventPayload } from "@/lib/webhooks/emit-user-events";
import { anotherOrganization, enrolledUser, subscribedEndpoint } from "@/test/fixtures/memberships";
import { inviteOne, inviter, person, readyOrganization } from "@/test/fixtures/invitations";
import { createTestDatabase } from "@/test/support/test-database";
import { LAST_ADMIN_LEAVING, leaveOrganization, NOT_A_USER } from "./leave-organization";

let handle: DatabaseHandle;
let organizationId: string;
const start = new Date("2026-11-23T10:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, start)).id;
});
afterAll(() => handle.close());

const rowOf = async (id: string) => (await handle.db.select().from(members).where(eq(members.id, id)))[0]!;
const auditOf = async (memberId: string) =>
  handle.db.select().from(auditEvents).where(and(eq(auditEvents.memberId, memberId), eq(auditEvents.action, "user.left")));
const leave = (email: string, now: Date, organization = organizationId) => leaveOrganization(handle.db, { organizationId: organization, email, now });

describe("leaving an organization", () => {
  it("ends the membership: the row is kept as removed, its links dead, User left audited and user.left announced", async () => {
    const endpoint = await subscribedEndpoint(handle.db, organizationId, ["user.left"]);
    const mia = await enrolledUser(handle.db, organizationId, "mia@leave.test", "member", start);

    // Typed with other capitals and spaces: addresses compare as stored, lower-cased.
    expect(await leave("  MIA@Leave.test ", later(1))).toEqual({ ok: true, data: { memberId: mia.id } });

    expect((await rowOf(mia.id)).removedAt).toEqual(later(1));
    // Her one invitation was used when she joined: it stays used, and no link of hers is live.
    const links = await handle.db.select().from(invitations).where(eq(invitations.memberId, mia.id));
    expect(links).toHaveLength(1);
    expect(links[0]!.usedAt).toEqual(start);
    expect(links.filter((link) => !link.usedAt && !link.revokedAt && !link.replacedAt)).toEqual([]);

    expect((await auditOf(mia.id)).map(({ organizationId: organization, actorEmail, details, createdAt }) => ({ organization, actorEmail, details, createdAt }))).toEqual([
      { organization: organizationId, actorEmail: "mia@leave.test", details: { email: "mia@leave.test" }, createdAt: later(1) },
    ]);

    const messages = await handle.db.select().from(webhookMessages).where(eq(webhookMessages.type, "user.left"));
    expect(messages).toHaveLength(1);
    const payload = messages[0]!.payload as unknown as UserEventPayload;
    expect(payload).toMatchObject({ type: "user.left", timestamp: later(1).toISOString(), data: { organizationId, user: { id: mia.id, email: "mia@leave.test", status: "enrolled" } } });
    const deliveries = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.messageId, messages[0]!.id));
    expect(deliveries.map((delivery) => delivery.endpointId)).toEqual([endpoint.id]);
  });

  it("revokes a link still live on the row (a pending re-invitation cannot outlive the membership)", async () => {
    // A row that is enrolled and yet holds a live link does not arise through the product; made here
    // by hand, it proves the leave revokes what the row holds, as a removal does.
    const noa = await enrolledUser(handle.db, organizationId, "noa@leave.test", "member", start);
    const [used] = await handle.db.select().from(invitations).where(eq(invitations.memberId, noa.id));
    await handle.db.update(invitations).set({ usedAt: null }).where(eq(invitations.id, used!.id));
    expect((await leave(noa.email, later(2))).ok).toBe(true);
    const [after] = await handle.db.select().from(invitations).where(eq(invitations.id, used!.id));
    expect(after!.revokedAt).toEqual(later(2));
  });

  it("refuses someone who is not a user: never invited, only invited (pending), already gone, or of another organization", async () => {
    const pending = await inviteOne(handle.db, organizationId, "pending@leave.test", start);
    const other = await anotherOrganization(handle.db, "Other Co", start);
    const olga = await enrolledUser(handle.db, other.id, "olga@leave.test", "member", start);

    expect(await leave("nobody@leave.test", later(3))).toEqual({ ok: false, message: NOT_A_USER });
    expect(await leave("pending@leave.test", later(3))).toEqual({ ok: false, message: NOT_A_USER });
    expect(await leave("mia@leave.test", later(3))).toEqual({ ok: false, message: NOT_A_USER }); // left above
    expect(await leave("olga@leave.test", later(3))).toEqual({ ok: false, message: NOT_A_USER });

    expect((await rowOf(pending.member.id)).removedAt).toBeNull();
    expect((await rowOf(olga.id)).removedAt).toBeNull();
    expect(await auditOf(pending.member.id)).toEqual([]);
    expect(await auditOf(olga.id)).toEqual([]);
  });

  it("refuses the last admin row, changing nothing; once another admin row exists, lets them go", async () => {
    const solo = await anotherOrganization(handle.db, "Solo Co", start);
    await subscribedEndpoint(handle.db, solo.id, ["user.left"]);
    const ada = await enrolledUser(handle.db, solo.id, "ada@leave.test", "admin", start);
    const ben = await enrolledUser(handle.db, solo.id, "ben@leave.test", "member", start);
    const before = (await handle.db.select().from(webhookMessages)).length;

    expect(await leave(ada.email, later(4), solo.id)).toEqual({ ok: false, message: LAST_ADMIN_LEAVING });
    expect((await rowOf(ada.id)).removedAt).toBeNull();
    expect(await auditOf(ada.id)).toEqual([]);
    expect(await handle.db.select().from(webhookMessages)).toHaveLength(before);

    // A member may leave an organization whose only admin stays.
    expect((await leave(ben.email, later(5), solo.id)).ok).toBe(true);

    const cy = await enrolledUser(handle.db, solo.id, "cy@leave.test", "admin", later(6));
    expect((await leave(ada.email, later(7), solo.id)).ok).toBe(true);
    expect(await leave(cy.email, later(8), solo.id)).toEqual({ ok: false, message: LAST_ADMIN_LEAVING });
  });

  it("in the first organization, ADMIN_EMAILS addresses are not rows: its only admin row is still the last", async () => {
    const root = await enrolledUser(handle.db, organizationId, "root@leave.test", "admin", start);
    expect(await leave(root.email, later(9))).toEqual({ ok: false, message: LAST_ADMIN_LEAVING });
  });

  it("leaves only the organization named: the same address stays a user of the others", async () => {
    const second = await anotherOrganization(handle.db, "Second Co", start);
    const here = await enrolledUser(handle.db, organizationId, "both@leave.test", "member", start);
    const there = await enrolledUser(handle.db, second.id, "both@leave.test", "member", start);
    expect((await leave("both@leave.test", later(10), second.id)).ok).toBe(true);
    expect((await rowOf(there.id)).removedAt).toEqual(later(10));
    expect((await rowOf(here.id)).removedAt).toBeNull();
  });

  it("can be invited again afterwards, as a new row", async () => {
    const zoe = await enrolledUser(handle.db, organizationId, "zoe@leave.test", "member", start);
    expect((await leave(zoe.email, later(11))).ok).toBe(true);
    const again = await inviteUsers(handle.db, { organizationId, inviter, rows: [person(zoe.email)], now: later(12) });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.data.memberIds[0]).not.toBe(zoe.id);
  });
});
