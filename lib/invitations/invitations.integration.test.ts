import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, emails, invitations, members, organizations } from "@/db/schema";
import { createTestDatabase } from "@/test/support/test-database";
import { withBodies } from "@/lib/email/outbox";
import { addDays } from "@/lib/format-date";
import { saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { ALREADY_A_USER, inviteUsers, SETUP_REQUIRED } from "./invite-users";
import { findInvitation, joinWithToken } from "./join";
import { removeUsers } from "./remove-users";
import { RESEND_COOLDOWN_MS, resendInvitations } from "./resend-invitations";
import { inviteOne, invitationsOf, inviter, person, readyOrganization, tokenEmailedTo } from "@/test/fixtures/invitations";
import { hashToken } from "./token";

let handle: DatabaseHandle;
let organizationId: string;
const start = new Date("2026-11-23T10:00:00Z");
const minutesLater = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, start)).id;
});
afterAll(() => handle.close());

describe("inviting", () => {
  it("is refused until invitation setup is saved", async () => {
    const [bare] = await handle.db.insert(organizations).values({ name: "Bare" }).returning();
    const result = await inviteUsers(handle.db, { organizationId: bare!.id, inviter, rows: [person("x@bare.test")], now: start });
    expect(result).toMatchObject({ ok: false, message: SETUP_REQUIRED });
  });

  it("creates every row with a live invitation and one queued-then-captured email each", async () => {
    const result = await inviteUsers(handle.db, {
      organizationId,
      inviter,
      rows: [person("one@acme.test"), person("two@acme.test")],
      now: start,
    });
    expect(result.ok).toBe(true);
    const created = await handle.db.select().from(members).where(eq(members.organizationId, organizationId));
    expect(created.map((m) => m.email).sort()).toEqual(["one@acme.test", "two@acme.test"]);
    for (const member of created) {
      expect(member.invitationExpiresAt).toEqual(addDays(start, 30));
      const [invitation] = await invitationsOf(handle.db, member.id);
      const token = await tokenEmailedTo(handle.db, member.email);
      expect(invitation!.tokenHash).toBe(hashToken(token));
    }
  });

  it("stores only the token's hash, never the token", async () => {
    const token = await tokenEmailedTo(handle.db, "one@acme.test");
    const rows = await handle.db.select().from(invitations);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("refuses an address that is already a user and writes nothing at all", async () => {
    const before = await handle.db.select().from(members);
    const result = await inviteUsers(handle.db, {
      organizationId,
      inviter,
      rows: [person("fresh@acme.test"), person("one@acme.test")],
      now: start,
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { "rows.1.email": [ALREADY_A_USER] } });
    expect(await handle.db.select().from(members)).toHaveLength(before.length);
  });

  it("the email carries the custom message as text, never as markup", async () => {
    const [email] = await withBodies(handle.db, await handle.db.select().from(emails).where(eq(emails.toAddress, "one@acme.test")));
    expect(email!.html).toContain("Welcome &lt;b&gt;aboard&lt;/b&gt;");
    expect(email!.html).not.toContain("<b>aboard</b>");
    expect(email!.text).toContain("Welcome <b>aboard</b>");
    expect(email!.replyTo).toBe("help@acme.test");
    expect(email!.subject).toBe("You're invited to join Acme");
  });
});

describe("joining", () => {
  it("opening the link changes nothing", async () => {
    const { member, token } = await inviteOne(handle.db, organizationId, "look@acme.test", start);
    const lookup = await findInvitation(handle.db, token, start);
    expect(lookup).toMatchObject({ state: "valid", page: { organizationName: "Acme", invitee: { email: "look@acme.test" } } });
    const [after] = await handle.db.select().from(members).where(eq(members.id, member.id));
    expect(after!.enrolledAt).toBeNull();
  });

  it("enrols once; the link is then used", async () => {
    const { member, token } = await inviteOne(handle.db, organizationId, "join@acme.test", start);
    expect((await joinWithToken(handle.db, token, minutesLater(5))).ok).toBe(true);
    const [after] = await handle.db.select().from(members).where(eq(members.id, member.id));
    expect(after!.enrolledAt).toEqual(minutesLater(5));
    expect(await joinWithToken(handle.db, token, minutesLater(6))).toMatchObject({ ok: false, lookup: { state: "used" } });
  });

  it("checks expiry at the moment of joining", async () => {
    const { member, token } = await inviteOne(handle.db, organizationId, "late@acme.test", start);
    const expired = addDays(start, 30);
    expect(await joinWithToken(handle.db, token, expired)).toMatchObject({ ok: false, lookup: { state: "expired" } });
    const [after] = await handle.db.select().from(members).where(eq(members.id, member.id));
    expect(after!.enrolledAt).toBeNull();
  });

  it("says unknown for a token that was never issued, and for garbage", async () => {
    expect(await joinWithToken(handle.db, "A".repeat(43), start)).toMatchObject({ ok: false, lookup: { state: "unknown" } });
    expect(await findInvitation(handle.db, "'; drop table members; --", start)).toEqual({ state: "unknown" });
  });

  it("20 parallel joins of one token make exactly one enrollment", async () => {
    const { member, token } = await inviteOne(handle.db, organizationId, "race@acme.test", start);
    const results = await Promise.all(Array.from({ length: 20 }, () => joinWithToken(handle.db, token, minutesLater(1))));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).every((r) => !r.ok && r.lookup.state === "used")).toBe(true);
    const used = await invitationsOf(handle.db, member.id);
    expect(used.filter((invitation) => invitation.usedAt)).toHaveLength(1);
  });
});

describe("resending", () => {
  it("replaces the link: the old one dies at once, the new one works, with a fresh validity", async () => {
    const { member, token: oldToken } = await inviteOne(handle.db, organizationId, "again@acme.test", start);
    const resendAt = addDays(start, 31); // expired by now
    const result = await resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: resendAt });
    expect(result).toMatchObject({ ok: true, data: { resent: [{ email: "again@acme.test" }] } });
    const newToken = await tokenEmailedTo(handle.db, "again@acme.test");
    expect(newToken).not.toBe(oldToken);
    expect(await joinWithToken(handle.db, oldToken, resendAt)).toMatchObject({ ok: false, lookup: { state: "replaced" } });
    const [after] = await handle.db.select().from(members).where(eq(members.id, member.id));
    expect(after!.invitationExpiresAt).toEqual(addDays(resendAt, 30));
    expect((await joinWithToken(handle.db, newToken, resendAt)).ok).toBe(true);
  });

  it("skips Enrolled users and says so", async () => {
    const { member, token } = await inviteOne(handle.db, organizationId, "done@acme.test", start);
    await joinWithToken(handle.db, token, start);
    const result = await resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: minutesLater(10) });
    expect(result).toMatchObject({ ok: true, data: { resent: [], skippedEnrolled: [{ email: "done@acme.test" }] } });
  });

  it("allows the first resend at once but refuses a second one within a minute", async () => {
    const { member } = await inviteOne(handle.db, organizationId, "eager@acme.test", start);
    const first = await resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: start });
    expect(first).toMatchObject({ ok: true, data: { resent: [{ email: "eager@acme.test" }] } });
    const soon = new Date(start.getTime() + RESEND_COOLDOWN_MS - 1);
    const second = await resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: soon });
    expect(second).toMatchObject({ ok: true, data: { resent: [], tooSoon: [{ email: "eager@acme.test" }] } });
    const third = await resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: new Date(start.getTime() + RESEND_COOLDOWN_MS) });
    expect(third).toMatchObject({ ok: true, data: { resent: [{ email: "eager@acme.test" }] } });
  });

  it("names the people it resent and skipped in address order, whatever order they were invited or selected in", async () => {
    const invited = [];
    for (const email of ["zoe.order@acme.test", "adam.order@acme.test", "mia.order@acme.test"]) {
      invited.push((await inviteOne(handle.db, organizationId, email, start)).member.id);
    }
    const memberIds = [invited[2]!, invited[0]!, invited[1]!];
    const sorted = ["adam.order@acme.test", "mia.order@acme.test", "zoe.order@acme.test"];
    const first = await resendInvitations(handle.db, { organizationId, inviter, memberIds, now: start });
    expect(first.ok && first.data.resent.map((user) => user.email)).toEqual(sorted);
    const second = await resendInvitations(handle.db, { organizationId, inviter, memberIds, now: minutesLater(0.5) });
    expect(second.ok && second.data.tooSoon.map((user) => user.email)).toEqual(sorted);
  });

  it("makes a link to copy (delivery link): the old one dies, no email is queued, and it counts as a resend for the minute rule", async () => {
    const { member, token: oldToken } = await inviteOne(handle.db, organizationId, "copied@acme.test", start);
    const emailsBefore = await handle.db.select().from(emails).where(eq(emails.toAddress, "copied@acme.test"));
    const copied = await resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: start, delivery: "link" });
    expect(copied).toMatchObject({ ok: true, data: { resent: [{ email: "copied@acme.test" }], links: [{ memberId: member.id }] } });
    const link = copied.ok ? copied.data.links[0]!.joinUrl : "";
    expect(await handle.db.select().from(emails).where(eq(emails.toAddress, "copied@acme.test"))).toHaveLength(emailsBefore.length);
    const [copiedEvent] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.memberId, member.id), eq(auditEvents.action, "user.invitation_link_copied")));
    expect(copiedEvent).toBeDefined();
    expect(await joinWithToken(handle.db, oldToken, start)).toMatchObject({ ok: false, lookup: { state: "replaced" } });
    const resend = await resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: minutesLater(0.5) });
    expect(resend).toMatchObject({ ok: true, data: { resent: [], tooSoon: [{ email: "copied@acme.test" }] } });
    expect((await joinWithToken(handle.db, link.split("/join/")[1]!, minutesLater(1))).ok).toBe(true);
  });

  it("resends to everyone a view matches (Select all N users), as the server finds them, skipping the Enrolled", async () => {
    const viewed = [];
    for (const email of ["view.a@acme.test", "view.b@acme.test", "view.c@acme.test"]) viewed.push(await inviteOne(handle.db, organizationId, email, start));
    await joinWithToken(handle.db, viewed[2]!.token, start);
    const result = await resendInvitations(handle.db, { organizationId, inviter, view: { q: "VIEW.", status: [] }, now: minutesLater(2) });
    expect(result).toMatchObject({
      ok: true,
      data: { resent: [{ email: "view.a@acme.test" }, { email: "view.b@acme.test" }], skippedEnrolled: [{ email: "view.c@acme.test" }] },
    });
    // A status filter narrows it: only the Pending ones, and they were just resent to.
    const pendingOnly = await resendInvitations(handle.db, { organizationId, inviter, view: { q: "view.", status: ["pending"] }, now: minutesLater(2.5) });
    expect(pendingOnly).toMatchObject({ ok: true, data: { resent: [], skippedEnrolled: [], tooSoon: [{ email: "view.a@acme.test" }, { email: "view.b@acme.test" }] } });
  });

  it("a view of another organization's search finds none of ours", async () => {
    const [other] = await handle.db.insert(organizations).values({ name: "Viewless" }).returning();
    await readyOtherSettings(other!.id);
    const result = await resendInvitations(handle.db, { organizationId: other!.id, inviter, view: { q: "view.", status: [] }, now: minutesLater(5) });
    expect(result.ok).toBe(false);
    const removal = await removeUsers(handle.db, { organizationId: other!.id, actorEmail: "x@other.test", view: { q: "", status: [] }, now: minutesLater(5) });
    expect(removal.ok).toBe(false);
    expect(await handle.db.$count(members, and(eq(members.organizationId, organizationId), isNull(members.removedAt)))).toBeGreaterThan(3);
  });

  it("cannot touch users of another organization", async () => {
    const { member } = await inviteOne(handle.db, organizationId, "mine@acme.test", start);
    const [other] = await handle.db.insert(organizations).values({ name: "Other" }).returning();
    await readyOtherSettings(other!.id);
    const result = await resendInvitations(handle.db, { organizationId: other!.id, inviter, memberIds: [member.id], now: minutesLater(5) });
    expect(result.ok).toBe(false);
    const removal = await removeUsers(handle.db, { organizationId: other!.id, actorEmail: "x@other.test", memberIds: [member.id], now: start });
    expect(removal.ok).toBe(false);
    const [still] = await handle.db.select().from(members).where(eq(members.id, member.id));
    expect(still!.removedAt).toBeNull();
  });
});

describe("removing", () => {
  it("revokes the link at once, cancels the unsent email, hides the user and frees the address", async () => {
    const { member, token } = await inviteOne(handle.db, organizationId, "gone@acme.test", start);
    // An email still waiting in the outbox:
    await handle.db.update(emails).set({ status: "queued" }).where(eq(emails.memberId, member.id));
    const result = await removeUsers(handle.db, { organizationId, actorEmail: inviter.email, memberIds: [member.id], now: minutesLater(3) });
    expect(result.ok).toBe(true);
    expect(await joinWithToken(handle.db, token, minutesLater(4))).toMatchObject({ ok: false, lookup: { state: "revoked" } });
    const [email] = await handle.db.select().from(emails).where(eq(emails.memberId, member.id));
    expect(email).toMatchObject({ status: "cancelled", html: null, text: null, variables: null });
    const listed = await handle.db
      .select()
      .from(members)
      .where(and(eq(members.email, "gone@acme.test"), isNull(members.removedAt)));
    expect(listed).toHaveLength(0);

    const again = await inviteOne(handle.db, organizationId, "gone@acme.test", minutesLater(5));
    expect(again.member.id).not.toBe(member.id);
    expect((await joinWithToken(handle.db, again.token, minutesLater(6))).ok).toBe(true);
  });

  it("removes everyone a view matches (Select all N users), and no one outside it", async () => {
    for (const email of ["gone.1@acme.test", "gone.2@acme.test"]) await inviteOne(handle.db, organizationId, email, start);
    const { member: kept } = await inviteOne(handle.db, organizationId, "kept.here@acme.test", start);
    const result = await removeUsers(handle.db, { organizationId, actorEmail: "admin@example.com", view: { q: "gone.", status: ["pending"] }, now: minutesLater(1) });
    expect(result.ok && result.data.removed.map((user) => user.email).sort()).toEqual(["gone.1@acme.test", "gone.2@acme.test"]);
    const [still] = await handle.db.select().from(members).where(eq(members.id, kept.id));
    expect(still!.removedAt).toBeNull();
  });

  it("no user is Enrolled after removal, whichever of remove and join wins", async () => {
    for (let round = 0; round < 10; round++) {
      const { member, token } = await inviteOne(handle.db, organizationId, `racer${round}@acme.test`, start);
      await Promise.all([
        joinWithToken(handle.db, token, minutesLater(1)),
        removeUsers(handle.db, { organizationId, actorEmail: inviter.email, memberIds: [member.id], now: minutesLater(1) }),
      ]);
      const [after] = await handle.db.select().from(members).where(eq(members.id, member.id));
      expect(after!.removedAt).not.toBeNull();
      // Either it joined before the removal (and was then removed) or the join was refused.
      const [invitation] = await invitationsOf(handle.db, member.id);
      expect(Boolean(invitation!.usedAt)).toBe(Boolean(after!.enrolledAt));
    }
  });
});

async function readyOtherSettings(id: string) {
  await saveInvitationSettings(handle.db, {
    organizationId: id,
    actorEmail: "x@other.test",
    settings: { organizationName: "Other", contactEmail: null, customMessage: null, validityDays: 7 },
    now: start,
  });
}
