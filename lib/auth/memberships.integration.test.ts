import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { organizations } from "@/db/schema";
import { removeUsers } from "@/lib/invitations/remove-users";
import { leaveOrganization } from "@/lib/users/leave-organization";
import { anotherOrganization, enrolledUser } from "@/test/fixtures/memberships";
import { inviteOne, inviter, readyOrganization } from "@/test/fixtures/invitations";
import { createTestDatabase } from "@/test/support/test-database";
import { administered, listMemberships } from "./memberships";

let handle: DatabaseHandle;
let firstId: string;
const start = new Date("2026-11-23T10:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  firstId = (await readyOrganization(handle.db, start)).id; // named "Acme"
});
afterAll(() => handle.close());
afterEach(() => vi.unstubAllEnvs());

const summary = async (email: string) =>
  (await listMemberships(handle.db, email)).map(({ organizationName, role, memberId, joinedAt }) => ({
    organizationName,
    role,
    hasRow: memberId !== null,
    joinedAt,
  }));

describe("listMemberships", () => {
  it("lists every organization the address joined, oldest enrollment first, with its role there", async () => {
    vi.stubEnv("ADMIN_EMAILS", "boot@example.com");
    const globex = await anotherOrganization(handle.db, "Globex", start);
    const initech = await anotherOrganization(handle.db, "Initech", start);
    await enrolledUser(handle.db, initech.id, "sam@several.test", "admin", later(1));
    await enrolledUser(handle.db, firstId, "sam@several.test", "member", later(2));
    await enrolledUser(handle.db, globex.id, "sam@several.test", "member", later(3));

    // Capitals and spaces as someone might type them.
    expect(await summary(" SAM@Several.test")).toEqual([
      { organizationName: "Initech", role: "admin", hasRow: true, joinedAt: later(1) },
      { organizationName: "Acme", role: "member", hasRow: true, joinedAt: later(2) },
      { organizationName: "Globex", role: "member", hasRow: true, joinedAt: later(3) },
    ]);
    expect(administered(await listMemberships(handle.db, "sam@several.test")).map((m) => m.organizationId)).toEqual([initech.id]);
  });

  it("leaves out pending invitations, removed users and those who left", async () => {
    vi.stubEnv("ADMIN_EMAILS", "boot@example.com");
    const stays = await anotherOrganization(handle.db, "Stays", start);
    const removes = await anotherOrganization(handle.db, "Removes", start);
    const leaves = await anotherOrganization(handle.db, "Leaves", start);
    const pends = await anotherOrganization(handle.db, "Pends", start);
    await enrolledUser(handle.db, stays.id, "pat@gone.test", "member", later(1));
    const removed = await enrolledUser(handle.db, removes.id, "pat@gone.test", "member", later(1));
    await enrolledUser(handle.db, leaves.id, "pat@gone.test", "member", later(1));
    await inviteOne(handle.db, pends.id, "pat@gone.test", later(1));
    expect((await removeUsers(handle.db, { organizationId: removes.id, actorEmail: inviter.email, memberIds: [removed.id], now: later(2) })).ok).toBe(true);
    expect((await leaveOrganization(handle.db, { organizationId: leaves.id, email: "pat@gone.test", now: later(2) })).ok).toBe(true);

    expect((await summary("pat@gone.test")).map((m) => m.organizationName)).toEqual(["Stays"]);
    expect(await summary("only.pending@gone.test")).toEqual([]);
    await inviteOne(handle.db, pends.id, "only.pending@gone.test", later(1));
    expect(await summary("only.pending@gone.test")).toEqual([]);
  });

  it("gives ADMIN_EMAILS addresses the first organization as Admin: without a row, or over the role of their row", async () => {
    vi.stubEnv("ADMIN_EMAILS", "boot@example.com, Member.Boot@example.com");
    const [first] = await handle.db.select().from(organizations).where(eq(organizations.id, firstId));
    expect(await summary("BOOT@example.com")).toEqual([{ organizationName: first!.name, role: "admin", hasRow: false, joinedAt: null }]);

    const row = await enrolledUser(handle.db, firstId, "member.boot@example.com", "member", later(4));
    const [only] = await listMemberships(handle.db, "member.boot@example.com");
    expect(only).toMatchObject({ organizationId: firstId, role: "admin", memberId: row.id, joinedAt: later(4) });

    // Only the first organization: ADMIN_EMAILS bootstraps it and nothing else.
    const elsewhere = await anotherOrganization(handle.db, "Elsewhere", start);
    await enrolledUser(handle.db, elsewhere.id, "boot@example.com", "member", later(5));
    expect(await summary("boot@example.com")).toEqual([
      { organizationName: first!.name, role: "admin", hasRow: false, joinedAt: null },
      { organizationName: "Elsewhere", role: "member", hasRow: true, joinedAt: later(5) },
    ]);
  });

  it("is empty for an address that belongs nowhere, and for one taken out of ADMIN_EMAILS", async () => {
    vi.stubEnv("ADMIN_EMAILS", "root@example.com");
    expect(await summary("root@example.com")).toHaveLength(1);
    expect(await summary("nobody@example.com")).toEqual([]);
    vi.stubEnv("ADMIN_EMAILS", "");
    expect(await summary("root@example.com")).toEqual([]);
  });
});
