import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { adminPreferences, authUsers, emails, members } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { inviterOfKey } from "@/lib/api/users";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { createTestDatabase } from "@/test/support/test-database";
import { inviteOne, person, readyOrganization } from "@/test/fixtures/invitations";
import { getUsersTableColumns, saveUsersTableColumns } from "./admin-preferences";
import { listUsers } from "./list-users";

let handle: DatabaseHandle;
let organizationId: string;
const start = new Date("2026-11-23T10:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, start)).id;
});
afterAll(() => handle.close());

const account = async (email: string, name: string | null = null) =>
  (await handle.db.insert(authUsers).values({ email, name }).returning({ id: authUsers.id }))[0]!.id;

const rowOf = async (email: string) => {
  const { rows } = await listUsers(handle.db, organizationId, { q: email, status: [], send: null, sort: "invitedAt", dir: "desc", page: 1, perPage: 25 }, later(10));
  return rows.find((row) => row.email === email)!;
};

describe("the Users table's optional columns", () => {
  it("are each admin's own choice, kept in the table's order, and a column no longer offered is forgotten", async () => {
    const grace = await account("grace@columns.test");
    const alan = await account("alan@columns.test");
    expect(await getUsersTableColumns(handle.db, grace)).toEqual([]);
    await saveUsersTableColumns(handle.db, { userId: grace, columns: ["lastSent", "invitedBy"], now: start });
    expect(await getUsersTableColumns(handle.db, grace)).toEqual(["invitedBy", "lastSent"]);
    expect(await getUsersTableColumns(handle.db, alan)).toEqual([]);

    await saveUsersTableColumns(handle.db, { userId: grace, columns: ["lastSent"], now: later(1) });
    expect(await getUsersTableColumns(handle.db, grace)).toEqual(["lastSent"]);
    const [stored] = await handle.db.select().from(adminPreferences).where(eq(adminPreferences.userId, grace));
    expect(stored!.updatedAt).toEqual(later(1));

    await handle.db.update(adminPreferences).set({ usersTableColumns: ["lastSent", "retiredColumn"] }).where(eq(adminPreferences.userId, grace));
    expect(await getUsersTableColumns(handle.db, grace)).toEqual(["lastSent"]);
  });

  it("name who invited each user: the admin by their name in this organization, else their address, or the API key", async () => {
    // An admin who is also an enrolled user of the organization is named as the Users table names them.
    const namedAdmin = await account("katherine@columns.test");
    await handle.db.insert(members).values({
      organizationId,
      firstName: "Katherine",
      lastName: "Johnson",
      email: "katherine@columns.test",
      role: "admin",
      invitedAt: start,
      invitationExpiresAt: start,
      enrolledAt: start,
    });
    const bootstrapAdmin = await account("root@columns.test");
    const key = await createApiKey(handle.db, { organizationId, name: "HR sync", actorEmail: "root@columns.test", now: start });

    const invite = (email: string, inviter: Parameters<typeof inviteUsers>[1]["inviter"]) =>
      inviteUsers(handle.db, { organizationId, inviter, rows: [person(email)], now: start });
    await invite("by-katherine@columns.test", { userId: namedAdmin, email: "katherine@columns.test", displayName: "Katherine Johnson" });
    await invite("by-root@columns.test", { userId: bootstrapAdmin, email: "root@columns.test", displayName: null });
    await invite("by-key@columns.test", inviterOfKey({ id: key.id, name: key.name, organizationId }));

    expect((await rowOf("by-katherine@columns.test")).invitedBy).toBe("Katherine Johnson");
    expect((await rowOf("by-root@columns.test")).invitedBy).toBe("root@columns.test");
    expect((await rowOf("by-key@columns.test")).invitedBy).toBe("API key HR sync");
  });

  it("tell when an invitation email last went to the provider, through resends, and nothing while it waits", async () => {
    const { member } = await inviteOne(handle.db, organizationId, "sent@columns.test", start);
    expect((await rowOf("sent@columns.test")).lastSentAt).toBeNull();
    await handle.db.update(emails).set({ status: "sent", sentAt: later(1) }).where(eq(emails.memberId, member.id));
    expect((await rowOf("sent@columns.test")).lastSentAt).toEqual(later(1));
    // A sign-in link to the same person is not an invitation.
    const [invitation] = await handle.db.select().from(emails).where(eq(emails.memberId, member.id));
    const { id: _id, ...copy } = invitation!;
    await handle.db.insert(emails).values({ ...copy, kind: "sign_in", sentAt: later(5) });
    expect((await rowOf("sent@columns.test")).lastSentAt).toEqual(later(1));
  });
});
