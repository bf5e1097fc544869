import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emails, members, organizations, type Member } from "@/db/schema";
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
/** Each user's place in the database's own order of the name and email sort keys (see beforeAll). */
let textRank: Map<string, { name: number; email: number }>;
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
    ].map((person) => ({ ...person, organizationId, invitedAt: addDays(now, -2), invitationExpiresAt: addDays(now, 28) })),
  );
  // Another organization's users never show.
  const [other] = await handle.db.insert(organizations).values({ name: "Other" }).returning();
  await seedUsers(handle.db, { organizationId: other!.id, count: 40, now, randomSeed: 0.5 });

  everyone = await handle.db.select().from(members);
  // How text compares is the database's collation (byte order in C, language rules in en_US or ICU),
  // not something to redo in TypeScript: the expected view takes the order of each text sort key
  // from a plain ORDER BY of the whole table, then filters, ties and pages on its own.
  const ranks = await handle.db
    .select({
      id: members.id,
      name: sql<number>`(rank() over (order by lower(${members.firstName} || ' ' || ${members.lastName})))::int`,
      email: sql<number>`(rank() over (order by ${members.email}))::int`,
    })
    .from(members);
  textRank = new Map(ranks.map(({ id, ...rank }) => [id, rank]));
});
afterAll(() => handle.close());

// ---------------------------------------------------------------------------
// The independent computation: the same view, worked out in TypeScript from every members row
// ---------------------------------------------------------------------------

/** Byte order of the UTF-8 text: for ids and status names, which every collation orders alike. */
const compareText = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
const compareTimes = (a: Date | null, b: Date | null) => {
  // PostgreSQL puts NULL after every value when ascending (NULLS LAST) and so before them when descending.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.getTime() - b.getTime();
};

const ascendingBy: Record<UsersSearchParams["sort"], (a: Member, b: Member) => number> = {
  name: (a, b) => textRank.get(a.id)!.name - textRank.get(b.id)!.name,
  email: (a, b) => textRank.get(a.id)!.email - textRank.get(b.id)!.email,
  status: (a, b) => compareText(deriveStatus(a, now), deriveStatus(b, now)),
  invitedAt: (a, b) => compareTimes(a.invitedAt, b.invitedAt),
  expiresAt: (a, b) => compareTimes(a.invitationExpiresAt, b.invitationExpiresAt),
  enrolledAt: (a, b) => compareTimes(a.enrolledAt, b.enrolledAt),
};

function expectedView(params: UsersSearchParams) {
  const needle = params.q.toLowerCase();
  const sign = params.dir === "asc" ? 1 : -1;
  const listed = everyone
    .filter((member) => member.organizationId === organizationId && member.removedAt === null)
    .filter((member) => !needle || `${member.firstName} ${member.lastName} ${member.email}`.toLowerCase().includes(needle))
    .filter((member) => params.status.length === 0 || params.status.includes(deriveStatus(member, now)))
    .sort((a, b) => sign * (ascendingBy[params.sort](a, b) || compareText(a.id, b.id)));
  const start = (params.page - 1) * params.perPage;
  return { rows: listed.slice(start, start + params.perPage), total: listed.length };
}

// ---------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------

/** A page given by number, or relative to the number of pages (worked out from the expected total). */
type PageChoice = number | "middle" | "last" | "past the end";
type Case = { name: string; query: Record<string, string>; page?: PageChoice; matches?: "some" | "exactly one" };

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
