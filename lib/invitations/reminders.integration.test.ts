import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, emails, invitations, members, organizations } from "@/db/schema";
import { withBodies } from "@/lib/email/outbox";
import { addDays, formatLongDate } from "@/lib/format-date";
import { saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { createTestDatabase } from "@/test/support/test-database";
import { inviteOne, inviter, person, readyOrganization } from "@/test/fixtures/invitations";
import { inviteUsers } from "./invite-users";
import { joinWithToken } from "./join";
import { queueDueReminders } from "./reminders";
import { removeUsers } from "./remove-users";
import { resendInvitations } from "./resend-invitations";

// The secret the invitations' links are sealed under (issueInvitations reads it from the environment).
const AUTH_SECRET = "reminders-integration-test-secret-0123456789";
vi.stubEnv("AUTH_SECRET", AUTH_SECRET);
let handle: DatabaseHandle;
let organizationId: string;
// Every test invites on its own day, so that one test's due reminders are not another's.
const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 10));

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, day(0))).id; // links valid 30 days, reminders 3 days before
});
afterAll(() => handle.close());

const remindersTo = async (addresses: string[]) =>
  handle.db.select().from(emails).where(and(eq(emails.kind, "reminder"), inArray(emails.toAddress, addresses)));
const memberRow = async (id: string) => (await handle.db.select().from(members).where(eq(members.id, id)))[0]!;
const liveInvitation = async (memberId: string) =>
  (await handle.db.select().from(invitations).where(eq(invitations.memberId, memberId))).find((row) => !row.usedAt && !row.replacedAt && !row.revokedAt);
const runPass = (now: Date, batchSize?: number) => queueDueReminders(handle.db, { now, authSecret: AUTH_SECRET, batchSize });

describe("the reminder pass", () => {
  it("queues nothing before the day, then exactly one reminder per invitation under two workers, with the same working link", async () => {
    const invitedAt = day(0);
    const addresses = Array.from({ length: 40 }, (_, index) => `due.${String(index).padStart(2, "0")}@acme.test`);
    const invited = await inviteUsers(handle.db, { organizationId, inviter, rows: addresses.map((email) => person(email)), now: invitedAt });
    expect(invited.ok).toBe(true);
    const expiresAt = addDays(invitedAt, 30);

    // 3 days before expiry is day 27: a minute earlier nothing is due.
    const early = await runPass(new Date(addDays(invitedAt, 27).getTime() - 60_000));
    expect(early.queued).toBe(0);
    expect(await remindersTo(addresses)).toHaveLength(0);

    // Two workers at once, in small batches so that they interleave.
    const dueAt = addDays(invitedAt, 27);
    const [first, second] = await Promise.all([runPass(dueAt, 7), runPass(dueAt, 7)]);
    expect(first.queued + second.queued).toBe(40);
    // And later passes, from either, add nothing.
    expect((await runPass(addDays(invitedAt, 28))).queued).toBe(0);

    const reminders = await withBodies(handle.db, await remindersTo(addresses));
    expect(reminders.map((email) => email.toAddress).sort()).toEqual(addresses);
    for (const reminder of reminders) {
      expect(reminder.subject).toBe("Reminder: you're invited to join Acme");
      expect(reminder.text).toContain(`Your invitation to join Acme expires on ${formatLongDate(expiresAt)}.`);
      expect(reminder.html).toContain("Reminder: join");
      const [invitation] = await handle.db.select().from(invitations).where(eq(invitations.id, reminder.invitationId!));
      // The same link as the invitation email: the invitation is still the live one, and nothing is kept sealed.
      expect(invitation).toMatchObject({ usedAt: null, replacedAt: null, revokedAt: null, reminderTokenSealed: null });
      expect(reminder.text).toContain(`/join/`);
    }
    const [original] = await withBodies(handle.db, await handle.db.select().from(emails).where(and(eq(emails.kind, "invitation"), eq(emails.toAddress, addresses[0]!))));
    const invitationLink = original!.text.match(/https?:\/\/\S+\/join\/[A-Za-z0-9_-]{43}/)![0];
    const reminderOfFirst = reminders.find((email) => email.toAddress === addresses[0])!;
    expect(reminderOfFirst.text).toContain(invitationLink);
    expect(await joinWithToken(handle.db, invitationLink.split("/join/")[1]!, addDays(invitedAt, 28))).toMatchObject({ ok: true });

    const reminded = await handle.db.select().from(members).where(inArray(members.email, addresses));
    expect(reminded.every((member) => member.reminderSentAt?.getTime() === dueAt.getTime())).toBe(true);
    const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "user.invitation_reminded"));
    expect(audit.filter((event) => addresses.includes((event.details as { email: string }).email))).toHaveLength(40);
  });

  it("sends none after a join, a resend, a copied link or a removal; a resent link gets its own reminder later", async () => {
    const invitedAt = day(1);
    const names = ["joined", "resent", "copied", "removed", "waiting"].map((name) => `${name}@cancel.test`);
    const [joined, resent, copied, removed, waiting] = await Promise.all(names.map((email) => inviteOne(handle.db, organizationId, email, invitedAt)));
    const later = addDays(invitedAt, 10);
    expect((await joinWithToken(handle.db, joined!.token, later)).ok).toBe(true);
    expect((await resendInvitations(handle.db, { organizationId, inviter, memberIds: [resent!.member.id], now: later })).ok).toBe(true);
    expect((await resendInvitations(handle.db, { organizationId, inviter, memberIds: [copied!.member.id], now: later, delivery: "link" })).ok).toBe(true);
    expect((await removeUsers(handle.db, { organizationId, actorEmail: inviter.email, memberIds: [removed!.member.id], now: later })).ok).toBe(true);

    for (const member of [joined, copied, removed]) {
      const rows = await handle.db.select().from(invitations).where(eq(invitations.memberId, member!.member.id));
      expect(rows.every((row) => row.reminderTokenSealed === null)).toBe(true);
    }
    expect((await runPass(addDays(invitedAt, 27))).queued).toBe(1);
    expect((await remindersTo(names)).map((email) => email.toAddress)).toEqual([waiting!.member.email]);

    // The resend made a new link valid from day 10: its reminder is due on day 37, once.
    expect((await runPass(addDays(later, 27))).queued).toBe(1);
    expect((await runPass(addDays(later, 28))).queued).toBe(0);
    expect((await remindersTo(names)).map((email) => email.toAddress).sort()).toEqual([resent!.member.email, waiting!.member.email].sort());
    const reminder = (await remindersTo([resent!.member.email]))[0]!;
    expect(reminder.invitationId).toBe((await liveInvitation(resent!.member.id))!.id);
  });

  it("a resend clears Reminded, and joining cancels a reminder still waiting to be sent", async () => {
    const invitedAt = day(2);
    const first = await inviteOne(handle.db, organizationId, "queued@join.test", invitedAt);
    const second = await inviteOne(handle.db, organizationId, "queued@resend.test", invitedAt);
    expect((await runPass(addDays(invitedAt, 27))).queued).toBe(2);
    expect((await memberRow(second.member.id)).reminderSentAt).not.toBeNull();

    expect((await joinWithToken(handle.db, first.token, addDays(invitedAt, 27))).ok).toBe(true);
    const [cancelled] = await remindersTo(["queued@join.test"]);
    expect(cancelled).toMatchObject({ status: "cancelled", variables: null });

    expect((await resendInvitations(handle.db, { organizationId, inviter, memberIds: [second.member.id], now: addDays(invitedAt, 27) })).ok).toBe(true);
    expect((await memberRow(second.member.id)).reminderSentAt).toBeNull();
    expect((await remindersTo(["queued@resend.test"]))[0]).toMatchObject({ status: "cancelled" });
  });

  it("sends none while reminders are off, forgets kept links when they are turned off, and none for expired links", async () => {
    const [other] = await handle.db.insert(organizations).values({ name: "Offco" }).returning();
    const settings = { organizationName: "Offco", contactEmail: null, customMessage: null, validityDays: 10 };
    await saveInvitationSettings(handle.db, { organizationId: other!.id, actorEmail: inviter.email, settings: { ...settings, reminderDaysBefore: 5 }, now: day(3) });
    const kept = await inviteOne(handle.db, other!.id, "kept@off.test", day(3));
    expect((await liveInvitation(kept.member.id))!.reminderTokenSealed).toMatch(/^v1\./);
    expect(JSON.stringify(await liveInvitation(kept.member.id))).not.toContain(kept.token);

    await saveInvitationSettings(handle.db, { organizationId: other!.id, actorEmail: inviter.email, settings: { ...settings, reminderDaysBefore: null }, now: day(4) });
    expect((await liveInvitation(kept.member.id))!.reminderTokenSealed).toBeNull();
    const whileOff = await inviteOne(handle.db, other!.id, "sent-while-off@off.test", day(4));
    expect((await liveInvitation(whileOff.member.id))!.reminderTokenSealed).toBeNull();
    expect((await runPass(day(12))).queued).toBe(0);

    // Turned on again: links sent before keep nothing to remind with; a new one does.
    await saveInvitationSettings(handle.db, { organizationId: other!.id, actorEmail: inviter.email, settings: { ...settings, reminderDaysBefore: 5 }, now: day(12) });
    const expiring = await inviteOne(handle.db, other!.id, "expiring@off.test", day(12));
    expect((await runPass(day(13))).queued).toBe(0);
    expect((await remindersTo(["kept@off.test", "sent-while-off@off.test", "expiring@off.test"]))).toHaveLength(0);
    // Past its expiry it is never reminded, and its kept link is erased.
    expect((await runPass(day(23))).queued).toBe(0);
    expect((await liveInvitation(expiring.member.id))!.reminderTokenSealed).toBeNull();
  });

  it("skips, without failing, a kept link that no longer opens (AUTH_SECRET changed)", async () => {
    const invitedAt = day(40);
    const { member } = await inviteOne(handle.db, organizationId, "unreadable@acme.test", invitedAt);
    const result = await queueDueReminders(handle.db, { now: addDays(invitedAt, 27), authSecret: "another-secret" });
    expect(result).toEqual({ queued: 0, unreadable: 1 });
    expect((await liveInvitation(member.id))!.reminderTokenSealed).toBeNull();
    expect(await remindersTo(["unreadable@acme.test"])).toHaveLength(0);
  });
});
