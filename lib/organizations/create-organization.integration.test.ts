import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { authUsers, members, organizations } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { parseActivitySearchParams } from "@/lib/audit/activity-search-params";
import { administered, listMemberships } from "@/lib/auth/memberships";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { listUsers } from "@/lib/users/list-users";
import { parseUsersSearchParams } from "@/lib/users/users-search-params";
import { enrolledUser } from "@/test/fixtures/memberships";
import { inviteOne, inviter, person, readyOrganization } from "@/test/fixtures/invitations";
import { createTestDatabase } from "@/test/support/test-database";
import { createOrganization, nameGuessedFrom } from "./create-organization";
import { getInvitationSetup } from "./invitation-setup";

let handle: DatabaseHandle;
let firstId: string;
const start = new Date("2026-11-23T10:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  firstId = (await readyOrganization(handle.db, start)).id; // "Acme", which ADMIN_EMAILS administer
});
afterAll(() => handle.close());
afterEach(() => vi.unstubAllEnvs());

/** A signed-in person (an Auth.js user row), as the console's Create organization has one. */
async function creator(email: string) {
  const [user] = await handle.db.insert(authUsers).values({ email: email.trim().toLowerCase() }).returning();
  return { userId: user!.id, email, firstName: "Grace", lastName: "Hopper" };
}

describe("createOrganization", () => {
  it("makes its creator its first admin row, enrolled at once, and records it; its invitation setup starts empty", async () => {
    const { organizationId, memberId } = await createOrganization(handle.db, { name: "Globex", creator: await creator(" Grace@Hopper.TEST "), now: later(1) });

    const [row] = await handle.db.select().from(members).where(eq(members.id, memberId));
    expect(row).toMatchObject({ organizationId, email: "grace@hopper.test", role: "admin", firstName: "Grace", lastName: "Hopper", enrolledAt: later(1), removedAt: null });
    const setup = await getInvitationSetup(handle.db, organizationId);
    expect(setup?.organization.name).toBe("Globex");
    expect(setup?.settings).toBeNull();
    const activity = await listAuditEvents(handle.db, organizationId, parseActivitySearchParams({}));
    expect(activity.rows.map((event) => [event.action, event.actorEmail])).toEqual([["organization.created", "grace@hopper.test"]]);
    // Inviting waits for the setup, as in the first organization.
    const invited = await inviteUsers(handle.db, { organizationId, inviter, rows: [person("early@globex.test")], now: later(2) });
    expect(invited.ok).toBe(false);
  });

  it("lets one address administer several organizations, beside a role elsewhere, and none sees another's users", async () => {
    vi.stubEnv("ADMIN_EMAILS", "boot@example.com");
    await enrolledUser(handle.db, firstId, "mia@several.test", "member", later(1));
    const mia = await creator("mia@several.test");
    const { organizationId: mine } = await createOrganization(handle.db, { name: "Mia's", creator: mia, now: later(2) });
    const { organizationId: second } = await createOrganization(handle.db, { name: "Mia's second", creator: mia, now: later(3) });

    const memberships = await listMemberships(handle.db, "mia@several.test");
    expect(memberships.map((m) => [m.organizationId, m.role])).toEqual([
      [firstId, "member"],
      [mine, "admin"],
      [second, "admin"],
    ]);
    expect(administered(memberships).map((m) => m.organizationName)).toEqual(["Mia's", "Mia's second"]);

    await inviteOne(handle.db, firstId, "only.acme@example.com", later(4));
    const params = parseUsersSearchParams({});
    const emailsOf = async (organizationId: string) => (await listUsers(handle.db, organizationId, params, later(5))).rows.map((user) => user.email);
    expect(await emailsOf(mine)).toEqual(["mia@several.test"]);
    expect(await emailsOf(second)).toEqual(["mia@several.test"]);
    expect(await emailsOf(firstId)).toContain("only.acme@example.com");
    expect(await emailsOf(firstId)).not.toContain("grace@hopper.test");
  });

  it("writes nothing when its admin row cannot be written", async () => {
    const before = await handle.db.$count(members);
    await expect(
      createOrganization(handle.db, { name: "Broken", creator: { ...(await creator("broken@example.com")), firstName: null as unknown as string }, now: later(1) }),
    ).rejects.toThrow();
    expect(await handle.db.$count(members)).toBe(before);
    expect((await handle.db.select().from(organizations).where(eq(organizations.name, "Broken")))).toEqual([]);
    const memberships = await listMemberships(handle.db, "broken@example.com");
    expect(memberships).toEqual([]);
  });
});

describe("nameGuessedFrom", () => {
  it("guesses a first and last name from the address, for the form to correct", () => {
    expect(nameGuessedFrom("jane.doe@example.com")).toEqual({ firstName: "Jane", lastName: "Doe" });
    expect(nameGuessedFrom("admin@example.com")).toEqual({ firstName: "Admin", lastName: "Admin" });
  });
});
