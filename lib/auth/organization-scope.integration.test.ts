import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, emails, invitationSettings, invitations, members, organizations } from "@/db/schema";
import { parseActivitySearchParams } from "@/lib/audit/activity-search-params";
import { createTestDatabase } from "@/test/support/test-database";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { removeUsers } from "@/lib/invitations/remove-users";
import { resendInvitations } from "@/lib/invitations/resend-invitations";
import { inviteOne, inviter, person, readyOrganization } from "@/test/fixtures/invitations";
import { saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { listUsers } from "@/lib/users/list-users";
import { parseUsersSearchParams } from "@/lib/users/users-search-params";
import { requireMembersOfOrganization } from "./organization-scope";

/**
 * An admin's organization comes from their session (AdminContext.organizationId), never from the
 * request; ids do come from the request. Given another organization's ids, nothing may change.
 */
let handle: DatabaseHandle;
let ours: string;
let theirs: string;
let ourMemberIds: string[];
const start = new Date("2026-11-23T10:00:00Z");
const later = new Date(start.getTime() + 10 * 60_000);

/** Everything of one organization that an admin action could write. */
async function snapshot(db: Database, organizationId: string) {
  return {
    organization: await db.select().from(organizations).where(eq(organizations.id, organizationId)),
    settings: await db.select().from(invitationSettings).where(eq(invitationSettings.organizationId, organizationId)),
    members: await db.select().from(members).where(eq(members.organizationId, organizationId)).orderBy(members.id),
    invitations: await db.select().from(invitations).where(eq(invitations.organizationId, organizationId)).orderBy(invitations.id),
    emails: await db.select().from(emails).where(eq(emails.organizationId, organizationId)).orderBy(emails.id),
    audit: await db.select().from(auditEvents).where(eq(auditEvents.organizationId, organizationId)).orderBy(auditEvents.id),
  };
}

const isNotFound = (error: unknown) => (error as { digest?: string }).digest === "NEXT_HTTP_ERROR_FALLBACK;404";

beforeAll(async () => {
  handle = await createTestDatabase();
  ours = (await readyOrganization(handle.db, start)).id;
  ourMemberIds = [
    (await inviteOne(handle.db, ours, "pending@acme.test", start)).member.id,
    (await inviteOne(handle.db, ours, "second@acme.test", start)).member.id,
  ];
  const [other] = await handle.db.insert(organizations).values({ name: "Globex" }).returning();
  theirs = other!.id;
  await saveInvitationSettings(handle.db, {
    organizationId: theirs,
    actorEmail: "boss@globex.test",
    settings: { organizationName: "Globex", contactEmail: null, customMessage: null, validityDays: 7 },
    now: start,
  });
  await inviteOne(handle.db, theirs, "their.user@globex.test", start);
});
afterAll(() => handle.close());

describe("the one scope check for ids from the client", () => {
  it("accepts our own users' ids for our organization", async () => {
    await expect(requireMembersOfOrganization(handle.db, ours, ourMemberIds)).resolves.toBeUndefined();
  });

  it("answers 404 for our ids under another organization, alone or mixed with theirs", async () => {
    const [theirMember] = await handle.db.select().from(members).where(eq(members.organizationId, theirs));
    for (const ids of [ourMemberIds, [theirMember!.id, ourMemberIds[0]!]]) {
      const refusal = await requireMembersOfOrganization(handle.db, theirs, ids).catch((error: unknown) => error);
      expect(isNotFound(refusal), JSON.stringify(ids)).toBe(true);
    }
  });
});

describe("domain functions given another organization's ids change nothing of ours", () => {
  it("resend, remove, invite and save settings under their organization leave ours as it was", async () => {
    const before = await snapshot(handle.db, ours);

    const resend = await resendInvitations(handle.db, { organizationId: theirs, inviter, memberIds: ourMemberIds, now: later });
    expect(resend.ok).toBe(false);
    const removal = await removeUsers(handle.db, { organizationId: theirs, actorEmail: "boss@globex.test", memberIds: ourMemberIds, now: later });
    expect(removal.ok).toBe(false);
    // Inviting an address of ours, or saving settings, acts on their organization only.
    const invite = await inviteUsers(handle.db, { organizationId: theirs, inviter, rows: [person("pending@acme.test")], now: later });
    expect(invite.ok).toBe(true);
    await saveInvitationSettings(handle.db, {
      organizationId: theirs,
      actorEmail: "boss@globex.test",
      settings: { organizationName: "Hijacked Inc", contactEmail: null, customMessage: null, validityDays: 1 },
      now: later,
    });

    expect(await snapshot(handle.db, ours)).toEqual(before);
  });

  it("their Users table and Activity list none of our users or events", async () => {
    const users = await listUsers(handle.db, theirs, parseUsersSearchParams({}), later);
    expect(users.rows.map((row) => row.email).sort()).toEqual(["pending@acme.test", "their.user@globex.test"]);
    expect(users.rows.map((row) => row.id)).not.toContain(ourMemberIds[0]);
    const activity = await listAuditEvents(handle.db, theirs, parseActivitySearchParams({}));
    const ourEventIds = new Set((await handle.db.select().from(auditEvents).where(eq(auditEvents.organizationId, ours))).map((event) => event.id));
    expect(activity.rows.filter((row) => ourEventIds.has(row.id))).toEqual([]);
  });
});
