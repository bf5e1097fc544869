import { and, count, eq, ilike, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emails, members, organizations, type Member } from "@/db/schema";
import { usersViewReference, type UsersViewReference } from "@/test/fixtures/users-view";
import { createTestDatabase } from "@/test/support/test-database";
import { addDays } from "@/lib/format-date";
import { readyOrganization } from "@/test/fixtures/invitations";
import { deriveStatus } from "@/lib/invitations/status";
import { listUsers } from "./list-users";
import { seedUsers } from "@/db/seed-users";
import { parseUsersSearchParams, userSortColumns, type UsersSearchParams } from "./users-search-params";

let handle: DatabaseHandle;
let organizationId: string;
let everyone: Member[];
/** The same views worked out in TypeScript from every members row (test/fixtures/users-view.ts). */
let reference: UsersViewReference;
const now = new Date("2026-11-23T10:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, now)).id;
  await seedUsers(handle.db, { organizationId, count: 300, now, randomSeed: 0.25 });
  // Names with LIKE's wildcards in them, and look-alikes that the wildcards would match.
  await handle.db.insert(members).values(
    [
      { firstName: "Rate 100%", lastName: "Pure_Oak", email: "rate.percent@example.com" },
      { firstName: "Rate 1000", lastName: "Pure Oak", email: "rate.thousand@example.com" },
      { firstName: "Back\\slash", lastName: "Lee", email: "back.slash@example.com" },
      // Capitals beyond ASCII, and a Greek capital sigma, which lower() and JavaScript fold apart at a word's end.
      { firstName: "Åsa", lastName: "ØSTERGAARD", email: "asa.ostergaard@example.com" },
      { firstName: "ΟΔΥΣΣΕΥΣ", lastName: "Straße", email: "odysseus@example.com" },
    ].map((person) => ({ ...person, organizationId, invitedAt: addDays(now, -2), invitationExpiresAt: addDays(now, 28) })),
  );
  // Another organization's users never show.
  const [other] = await handle.db.insert(organizations).values({ name: "Other" }).returning();
  await seedUsers(handle.db, { organizationId: other!.id, count: 40, now, randomSeed: 0.5 });

  reference = await usersViewReference(handle.db, organizationId, now);
  everyone = reference.everyone;
});
afterAll(() => handle.close());

/** The page of the independently computed view. */
function expectedView(params: UsersSearchParams) {
  const listed = reference.rowsOf(params);
  const start = (params.page - 1) * params.perPage;
  return { rows: listed.slice(start, start + params.perPage), total: listed.length };
}

// ---------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------

/** A page given by number, or relative to the number of pages (worked out from the expected total). */
type PageChoice = number | "middle" | "last" | "past the end";
type Case = {
  name: string;
  query: Record<string, string>;
  page?: PageChoice;
  matches?: "some" | "exactly one";
  /** How many statuses the expected page holds: sorting by status reads one run of rows per status. */
  statusesOnPage?: number;
};

const cases: Case[] = [
  { name: "the default view", query: {} },
  { name: "Pending only", query: { status: "pending" }, matches: "some" },
  { name: "Expired only", query: { status: "expired" }, matches: "some" },
  { name: "Enrolled only", query: { status: "enrolled" }, matches: "some" },
  { name: "Pending and Expired", query: { status: "pending,expired" }, matches: "some" },
  { name: "Enrolled and Expired, sorted by status", query: { status: "enrolled,expired", sort: "status", dir: "asc" } },
  { name: "a name substring", query: { q: "ann" }, matches: "some" },
  { name: "an email substring in another case", query: { q: "EZ." }, matches: "some" },
  { name: "a CJK name", query: { q: "王" }, matches: "some" },
  { name: "capitals beyond ASCII, across first and last name", query: { q: "åSA øSTER" }, matches: "exactly one" },
  { name: "a % that must match literally", query: { q: "100%" }, matches: "exactly one" },
  { name: "a _ that must match literally", query: { q: "e_O" }, matches: "exactly one" },
  { name: "a backslash that must match literally", query: { q: "k\\s" }, matches: "exactly one" },
  { name: "a search and a status together", query: { q: "an", status: "enrolled", perPage: "10" }, page: "last" },
  { name: "a search matching nobody", query: { q: "zzzz-nobody" } },
  ...userSortColumns.flatMap((sort) =>
    (["asc", "desc"] as const).flatMap((dir) =>
      (["first", "middle", "last"] as const).map(
        (where): Case => ({
          name: `sorted by ${sort} ${dir}, ${where} page of 10`,
          query: { sort, dir, perPage: "10" },
          page: where === "first" ? 1 : where,
        }),
      ),
    ),
  ),
  { name: "page 1", query: {}, page: 1 },
  { name: "a middle page", query: {}, page: "middle" },
  { name: "the last page", query: {}, page: "last" },
  { name: "a page past the end", query: {}, page: "past the end" },
  { name: "10 a page, the last page", query: { perPage: "10" }, page: "last" },
  { name: "100 a page, page 2", query: { perPage: "100" }, page: 2 },
  { name: "100 a page, the last page", query: { perPage: "100" }, page: "last" },
  { name: "Expired only, 10 a page, the last page", query: { status: "expired", perPage: "10", sort: "enrolledAt", dir: "asc" }, page: "last" },
  // Sorted by status, a page is read from each status's run of rows: every page of both directions, so
  // that pages straddling two runs are covered, and one page holding all of one run and parts of two.
  ...(["asc", "desc"] as const).flatMap((dir) =>
    Array.from({ length: 12 }, (_, index): Case => ({
      name: `by status ${dir}, 25 a page, page ${index + 1}`,
      query: { sort: "status", dir, perPage: "25" },
      page: index + 1,
    })),
  ),
  { name: "by status, 100 a page, page 2", query: { sort: "status", dir: "asc", perPage: "100" }, page: 2, statusesOnPage: 3 },
  { name: "a search sorted by status desc", query: { q: "an", sort: "status", dir: "desc", perPage: "10" }, page: "middle" },
  // A search's few matches are sorted apart from the table: every sort, both ways, from either end.
  ...userSortColumns.flatMap((sort) =>
    (["asc", "desc"] as const).flatMap((dir) =>
      ([2, "last"] as const).map(
        (page): Case => ({ name: `a search sorted by ${sort} ${dir}, page ${page} of 10`, query: { q: "an", sort, dir, perPage: "10" }, page }),
      ),
    ),
  ),
  // Every page of one view, so that each page on either side of the middle is covered.
  ...[1, 2, 3, 4, 5, 6, 7].map((page): Case => ({ name: `by email, 50 a page, page ${page}`, query: { sort: "email", dir: "asc", perPage: "50" }, page })),
];

function paramsOf(testCase: Case): UsersSearchParams {
  const params = parseUsersSearchParams(testCase.query);
  if (testCase.page === undefined || typeof testCase.page === "number") {
    return typeof testCase.page === "number" ? { ...params, page: testCase.page } : params;
  }
  const pages = Math.max(1, Math.ceil(expectedView(params).total / params.perPage));
  const page = { middle: Math.ceil(pages / 2), last: pages, "past the end": pages + 1 }[testCase.page];
  return { ...params, page };
}

describe("listUsers agrees with the same view worked out in TypeScript", () => {
  it.for(cases)("$name", async (testCase) => {
    const params = paramsOf(testCase);
    const expected = expectedView(params);
    if (testCase.matches === "some") expect(expected.total).toBeGreaterThan(0);
    if (testCase.matches === "exactly one") expect(expected.total).toBe(1);
    if (testCase.statusesOnPage) expect(new Set(expected.rows.map((member) => deriveStatus(member, now))).size).toBe(testCase.statusesOnPage);

    const actual = await listUsers(handle.db, organizationId, params, now);
    expect(actual.total).toBe(expected.total);
    expect(actual.rows.map((row) => row.id)).toEqual(expected.rows.map((member) => member.id));
    for (const [index, row] of actual.rows.entries()) {
      const member = expected.rows[index]!;
      expect(row.status).toBe(deriveStatus(member, now));
      expect(row.expiresAt).toEqual(member.enrolledAt ? null : member.invitationExpiresAt);
    }
  });
});

describe("the search", () => {
  it("matches exactly whom ILIKE over the name and address matched, in any script and case", async () => {
    const needles = ["ÅSA", "østergaard", "ΟΔΥΣΣΕΥΣ", "οδυσσευσ", "STRASSE", "straße", "İ", "ÉLODIE", "müller", "E.COM"];
    // Written exactly so in the rows added above: these match at least one user.
    const present = new Set(["ÅSA", "ΟΔΥΣΣΕΥΣ", "straße", "E.COM"]);
    for (const q of needles) {
      const [reference] = await handle.db
        .select({ total: count() })
        .from(members)
        .where(
          and(
            eq(members.organizationId, organizationId),
            isNull(members.removedAt),
            ilike(sql`${members.firstName} || ' ' || ${members.lastName} || ' ' || ${members.email}`, `%${q}%`),
          ),
        );
      const { total } = await listUsers(handle.db, organizationId, parseUsersSearchParams({ q }), now);
      expect({ q, total }).toEqual({ q, total: reference!.total });
      if (present.has(q)) expect(total).toBeGreaterThan(0);
    }
  });
});

describe("the rows listUsers shows", () => {
  it("never include removed users or another organization's, and page through everyone listed exactly once", async () => {
    const listed = everyone.filter((member) => member.organizationId === organizationId && member.removedAt === null);
    expect(everyone.some((member) => member.organizationId === organizationId && member.removedAt !== null)).toBe(true);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(listed.length / 100); page++) {
      const { rows, total } = await listUsers(handle.db, organizationId, parseUsersSearchParams({ perPage: "100", page: String(page) }), now);
      expect(total).toBe(listed.length);
      seen.push(...rows.map((row) => row.id));
    }
    expect([...seen].sort()).toEqual(listed.map((member) => member.id).sort());
  });

  it("carry the newest invitation email's delivery state, and none without one", async () => {
    const [bounced, quiet] = everyone.filter((member) => member.organizationId === organizationId && !member.removedAt && !member.enrolledAt);
    const email = (memberId: string, kind: "invitation" | "sign_in", status: "sent" | "bounced" | "failed", minutes: number) => ({
      organizationId,
      memberId,
      kind,
      transport: "capture" as const,
      status,
      fromAddress: "Roster <onboarding@resend.dev>",
      toAddress: "someone@example.com",
      subject: "You're invited",
      createdAt: new Date(now.getTime() + minutes * 60_000),
    });
    await handle.db.insert(emails).values([
      email(bounced!.id, "invitation", "sent", 1),
      email(bounced!.id, "invitation", "bounced", 2),
      email(quiet!.id, "sign_in", "failed", 3),
    ]);
    const rowOf = async (member: Member) =>
      (await listUsers(handle.db, organizationId, parseUsersSearchParams({ q: member.email }), now)).rows.find(
        (row) => row.id === member.id,
      );
    expect((await rowOf(bounced!))?.deliveryStatus).toBe("bounced");
    expect((await rowOf(quiet!))?.deliveryStatus).toBeNull();
  });
});
