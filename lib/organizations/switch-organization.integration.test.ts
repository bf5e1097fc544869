import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { authSessions, authUsers } from "@/db/schema";
import { listMemberships } from "@/lib/auth/memberships";
import { changeRoles } from "@/lib/users/change-roles";
import { anotherOrganization, enrolledUser } from "@/test/fixtures/memberships";
import { inviter, readyOrganization } from "@/test/fixtures/invitations";
import { createTestDatabase } from "@/test/support/test-database";
import { createOrganization } from "./create-organization";
import { currentOrganization, switchSessionOrganization } from "./switch-organization";

let handle: DatabaseHandle;
let firstId: string;
const start = new Date("2026-11-23T10:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  firstId = (await readyOrganization(handle.db, start)).id;
});
afterAll(() => handle.close());
afterEach(() => vi.unstubAllEnvs());

/** A signed-in person with two browsers (two sessions), as Auth.js stores them. */
async function signedIn(email: string) {
  const [user] = await handle.db.insert(authUsers).values({ email }).returning();
  const expires = later(24 * 60);
  const sessions = [`${email}-laptop`, `${email}-phone`];
  for (const sessionToken of sessions) await handle.db.insert(authSessions).values({ sessionToken, userId: user!.id, expires });
  return { userId: user!.id, email, sessions };
}

const sessionOrganization = async (sessionToken: string) =>
  (await handle.db.select({ organizationId: authSessions.organizationId }).from(authSessions).where(eq(authSessions.sessionToken, sessionToken)))[0]
    ?.organizationId ?? null;

describe("switchSessionOrganization", () => {
  it("makes an organization its person administers the current one of that session alone", async () => {
    const person = await signedIn("sky@switch.test");
    await enrolledUser(handle.db, firstId, person.email, "admin", later(1));
    const { organizationId: created } = await createOrganization(handle.db, {
      name: "Sky's",
      creator: { userId: person.userId, email: person.email, firstName: "Sky", lastName: "Switch" },
      now: later(2),
    });
    const [laptop, phone] = person.sessions as [string, string];

    // Before any switch, the oldest organization they administer.
    expect(currentOrganization(await listMemberships(handle.db, person.email), await sessionOrganization(laptop))?.organizationId).toBe(firstId);
    expect(await switchSessionOrganization(handle.db, { sessionToken: laptop, userId: person.userId, email: person.email, organizationId: created })).toBe(true);
    expect(await sessionOrganization(laptop)).toBe(created);
    expect(await sessionOrganization(phone)).toBeNull();
    expect(currentOrganization(await listMemberships(handle.db, person.email), await sessionOrganization(laptop))?.organizationId).toBe(created);
    expect(currentOrganization(await listMemberships(handle.db, person.email), await sessionOrganization(phone))?.organizationId).toBe(firstId);

    // And back.
    expect(await switchSessionOrganization(handle.db, { sessionToken: laptop, userId: person.userId, email: person.email, organizationId: firstId })).toBe(true);
    expect(await sessionOrganization(laptop)).toBe(firstId);
  });

  it("refuses an organization they are only a Member of, one they do not belong to and one that does not exist, and changes nothing", async () => {
    const person = await signedIn("max@switch.test");
    const memberOnly = await anotherOrganization(handle.db, "Member only", start);
    const foreign = await anotherOrganization(handle.db, "Foreign", start);
    const { organizationId: own } = await createOrganization(handle.db, {
      name: "Max's",
      creator: { userId: person.userId, email: person.email, firstName: "Max", lastName: "Switch" },
      now: later(1),
    });
    await enrolledUser(handle.db, memberOnly.id, person.email, "member", later(2));
    const [laptop] = person.sessions as [string];
    expect(await switchSessionOrganization(handle.db, { sessionToken: laptop, userId: person.userId, email: person.email, organizationId: own })).toBe(true);

    for (const organizationId of [memberOnly.id, foreign.id, "00000000-0000-4000-8000-000000000000"]) {
      expect(await switchSessionOrganization(handle.db, { sessionToken: laptop, userId: person.userId, email: person.email, organizationId })).toBe(false);
      expect(await sessionOrganization(laptop)).toBe(own);
    }
  });

  it("never writes another person's session, even named with its token", async () => {
    const owner = await signedIn("owner@switch.test");
    const intruder = await signedIn("intruder@switch.test");
    const { organizationId: intruders } = await createOrganization(handle.db, {
      name: "Intruder's",
      creator: { userId: intruder.userId, email: intruder.email, firstName: "In", lastName: "Truder" },
      now: later(1),
    });
    const [ownersLaptop] = owner.sessions as [string];
    expect(
      await switchSessionOrganization(handle.db, { sessionToken: ownersLaptop, userId: intruder.userId, email: intruder.email, organizationId: intruders }),
    ).toBe(false);
    expect(await sessionOrganization(ownersLaptop)).toBeNull();
  });
});

describe("currentOrganization", () => {
  it("falls back to the oldest organization still administered once the session's one is lost, and is null for a Member", async () => {
    vi.stubEnv("ADMIN_EMAILS", "boot@example.com");
    const person = await signedIn("dee@switch.test");
    const keeps = await anotherOrganization(handle.db, "Keeps", start);
    const demotes = await anotherOrganization(handle.db, "Demotes", start);
    await enrolledUser(handle.db, keeps.id, person.email, "admin", later(1));
    const demoted = await enrolledUser(handle.db, demotes.id, person.email, "admin", later(2));
    await enrolledUser(handle.db, demotes.id, "other.admin@switch.test", "admin", later(3)); // so the demotion is allowed
    const [laptop] = person.sessions as [string];
    expect(await switchSessionOrganization(handle.db, { sessionToken: laptop, userId: person.userId, email: person.email, organizationId: demotes.id })).toBe(true);

    const demotion = await changeRoles(handle.db, { organizationId: demotes.id, actorEmail: inviter.email, memberIds: [demoted.id], role: "member", now: later(4) });
    expect(demotion.ok).toBe(true);
    expect(currentOrganization(await listMemberships(handle.db, person.email), await sessionOrganization(laptop))?.organizationId).toBe(keeps.id);

    const member = await signedIn("only.member@switch.test");
    await enrolledUser(handle.db, demotes.id, member.email, "member", later(5));
    expect(currentOrganization(await listMemberships(handle.db, member.email), null)).toBeNull();
  });
});
