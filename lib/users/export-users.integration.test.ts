import { and, eq, inArray, sql } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { members, organizations, type Member } from "@/db/schema";
import { seedUsers } from "@/db/seed-users";
import { addDays } from "@/lib/format-date";
import { deriveStatus, userStatusLabels } from "@/lib/invitations/status";
import { readyOrganization } from "@/test/fixtures/invitations";
import { usersViewReference, type UsersViewReference } from "@/test/fixtures/users-view";
import { createTestDatabase } from "@/test/support/test-database";
import { roleLabels } from "./role-labels";
import { EXPORT_BATCH_SIZE, USERS_CSV_HEADER, usersCsvStream, usersViewInBatches, type UsersExportView } from "./export-users";
import { parseUsersSearchParams, userSortColumns } from "./users-search-params";

let handle: DatabaseHandle;
let organizationId: string;
let otherOrganizationId: string;
let reference: UsersViewReference;
const now = new Date("2026-11-23T10:00:00Z");
const MINUTE_MS = 60_000;

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, now)).id;
  await seedUsers(handle.db, { organizationId, count: 300, now, randomSeed: 0.25 });
  const invited = { organizationId, invitedAt: addDays(now, -2), invitationExpiresAt: addDays(now, 28) };
  await handle.db.insert(members).values([
    // Cells a spreadsheet would run, and cells that need quotes.
    { ...invited, firstName: '=HYPERLINK("http://evil.test","x")', lastName: "+1", email: "formula.one@example.com" },
    { ...invited, firstName: "-2+3", lastName: "@SUM(A1)", email: "-minus@example.com", role: "admin" },
    { ...invited, firstName: "Smith, Jr.", lastName: 'Say "hi"', email: "quotes@example.com" },
    { ...invited, firstName: "Line\r\nBreak", lastName: "\tTab", email: "lines@example.com" },
    // LIKE's wildcards, matched literally.
    { ...invited, firstName: "Rate 100%", lastName: "Pure_Oak", email: "rate.percent@example.com" },
    // Twelve users with one name and one invitation time to the microsecond: ties that only the id
    // breaks, across the boundaries of batches of 5.
    ...Array.from({ length: 12 }, (_, index) => ({ ...invited, firstName: "Twin", lastName: "Same", email: `twin.${index}@example.com` })),
  ]);
  await handle.db.execute(sql`update members set invited_at = '2026-11-20 10:00:00.123456+00' where email like 'twin.%'`);
  await handle.db.execute(sql`update members set invited_at = '2026-11-20 10:00:00.123457+00' where email = 'twin.0@example.com'`);
  // Another organization's users never show.
  const [other] = await handle.db.insert(organizations).values({ name: "Other" }).returning();
  otherOrganizationId = other!.id;
  await seedUsers(handle.db, { organizationId: otherOrganizationId, count: 40, now, randomSeed: 0.5 });
  reference = await usersViewReference(handle.db, organizationId, now);
});
afterAll(() => handle.close());

async function exportedRows(view: UsersExportView, batchSize: number) {
  const rows = [];
  for await (const batch of usersViewInBatches(handle.db, organizationId, view, now, batchSize)) {
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThanOrEqual(batchSize);
    rows.push(...batch);
  }
  return rows;
}

const viewOf = (query: Record<string, string>): UsersExportView => {
  const { q, status, send, sort, dir } = parseUsersSearchParams(query);
  return { q, status, send, sort, dir };
};

const views: { name: string; query: Record<string, string> }[] = [
  ...userSortColumns.flatMap((sort) => (["asc", "desc"] as const).map((dir) => ({ name: `sorted by ${sort} ${dir}`, query: { sort, dir } }))),
  { name: "Pending only", query: { status: "pending" } },
  { name: "Expired only, by enrolled", query: { status: "expired", sort: "enrolledAt", dir: "asc" } },
  { name: "Enrolled and Expired, by status", query: { status: "enrolled,expired", sort: "status", dir: "desc" } },
  { name: "a name search", query: { q: "ann" } },
  { name: "a search by status", query: { q: "an", sort: "status", dir: "asc" } },
  { name: "a search with a status, by name", query: { q: "an", status: "enrolled", sort: "name", dir: "desc" } },
  { name: "a % that must match literally", query: { q: "100%" } },
  { name: "a search matching nobody", query: { q: "zzzz-nobody" } },
];

describe("the export of a view agrees with the same view worked out in TypeScript", () => {
  it.for(views)("$name, in batches of 5 and of the default size", async ({ query }) => {
    const view = viewOf(query);
    const expected = reference.rowsOf(view);
    if (!query.q?.startsWith("zzzz")) expect(expected.length).toBeGreaterThan(0);
    for (const batchSize of [5, EXPORT_BATCH_SIZE]) {
      const rows = await exportedRows(view, batchSize);
      expect(rows.map((row) => row.id)).toEqual(expected.map((member) => member.id));
      for (const [index, row] of rows.entries()) {
        const member = expected[index]!;
        expect(row.status).toBe(deriveStatus(member, now));
        expect(row.expiresAt).toEqual(member.enrolledAt ? null : member.invitationExpiresAt);
        expect(row.enrolledAt).toEqual(member.enrolledAt);
      }
    }
  });
});

/** Everything a stream gives, decoded. */
async function readAll(stream: ReadableStream<Uint8Array>) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(await new Response(stream).arrayBuffer()));
}

const iso = (date: Date | null) => (date ? date.toISOString() : "");
const startsLikeFormula = /^[=+\-@\t\r\n]/;

describe("the CSV file of a view", () => {
  it("starts with a byte order mark and the header, then one record a user, in the table's words and ISO 8601 times", async () => {
    const view = viewOf({ sort: "email", dir: "asc" });
    const text = await readAll(await usersCsvStream(usersViewInBatches(handle.db, organizationId, view, now, 7)));
    expect(text.startsWith("\ufeffFirst name,Last name,Email,Role,Status,Invited,Expires,Enrolled\r\n")).toBe(true);
    const { data, errors } = Papa.parse<string[]>(text.slice(1), { delimiter: ",", newline: "\r\n" });
    expect(errors).toEqual([]);
    expect(data.at(-1)).toEqual([""]);
    const [header, ...records] = data.slice(0, -1);
    expect(header).toEqual([...USERS_CSV_HEADER]);
    const inert = (value: string) => (startsLikeFormula.test(value) ? `'${value}` : value);
    expect(records).toEqual(
      reference.rowsOf(view).map((member: Member) => [
        inert(member.firstName),
        inert(member.lastName),
        inert(member.email),
        roleLabels[member.role],
        userStatusLabels[deriveStatus(member, now)],
        iso(member.invitedAt),
        member.enrolledAt ? "" : iso(member.invitationExpiresAt),
        iso(member.enrolledAt),
      ]),
    );
    // The rows written to trip a spreadsheet are there, inert.
    expect(records).toContainEqual(expect.arrayContaining([`'=HYPERLINK("http://evil.test","x")`, "'+1", "formula.one@example.com"]));
    expect(records).toContainEqual(expect.arrayContaining(["'-2+3", "'@SUM(A1)", "'-minus@example.com", "Admin"]));
    expect(records).toContainEqual(expect.arrayContaining(["Line\r\nBreak", "'\tTab"]));
    for (const cell of records.flat()) expect(cell).not.toMatch(startsLikeFormula);
  });

  it("of a view matching nobody is the header alone", async () => {
    const text = await readAll(await usersCsvStream(usersViewInBatches(handle.db, organizationId, viewOf({ q: "zzzz-nobody" }), now)));
    expect(text).toBe("\ufeffFirst name,Last name,Email,Role,Status,Invited,Expires,Enrolled\r\n");
  });

  it("is read from the database only as the client takes it: one batch ahead at most", async () => {
    let batchesRead = 0;
    async function* counted() {
      for await (const batch of usersViewInBatches(handle.db, organizationId, viewOf({}), now, 10)) {
        batchesRead++;
        yield batch;
      }
    }
    const reader = (await usersCsvStream(counted())).getReader();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batchesRead).toBe(1); // the first, read before the response starts
    await reader.read(); // the header
    await reader.read(); // the first batch
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batchesRead).toBeLessThanOrEqual(2);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batchesRead).toBeLessThanOrEqual(2);
  });
});

describe("an export while the organization changes", () => {
  it.for(userSortColumns.flatMap((sort) => (["asc", "desc"] as const).map((dir) => ({ sort, dir }))))(
    "sorted by $sort $dir writes no user twice, none of another organization, and every user nobody touched",
    async ({ sort, dir }) => {
      const view = viewOf({ sort, dir });
      const atStart = reference.rowsOf(view);
      const later = new Date(now.getTime() + MINUTE_MS);
      const seen: string[] = [];
      const touched = new Set<string>();
      let round = 0;
      const { db } = handle;
      try {
        for await (const batch of usersViewInBatches(db, organizationId, view, now, 25)) {
          seen.push(...batch.map((row) => row.id));
          round++;
          if (round > 4) continue;
          // Between batches: people are invited, removed, join and are sent new links, both behind
          // the export and ahead of it.
          const pick = (from: number, status: "pending" | "expired" | null) =>
            atStart.filter((member) => !touched.has(member.id) && (status === null || deriveStatus(member, now) === status)).slice(from, from + 3);
          const removed = [...pick(0, null), ...pick(150, null)];
          const joined = [...pick(0, "pending"), ...pick(40, "pending")];
          const resent = [...pick(0, "expired"), ...pick(20, "expired")];
          for (const member of [...removed, ...joined, ...resent]) touched.add(member.id);
          await db.update(members).set({ removedAt: later }).where(inArray(members.id, removed.map((member) => member.id)));
          await db.update(members).set({ enrolledAt: later }).where(inArray(members.id, joined.map((member) => member.id)));
          await db
            .update(members)
            .set({ resentAt: later, invitationExpiresAt: addDays(later, 30) })
            .where(inArray(members.id, resent.map((member) => member.id)));
          await db.insert(members).values(
            ["aaa", "zzz"].map((prefix) => ({
              organizationId,
              firstName: `${prefix}${round}`,
              lastName: `${sort}${dir}`,
              email: `${prefix}.${round}.${sort}.${dir}@example.com`.toLowerCase(),
              invitedAt: later,
              invitationExpiresAt: addDays(later, 30),
            })),
          );
        }
        expect(new Set(seen).size).toBe(seen.length);
        const ours = await db.select({ id: members.id }).from(members).where(and(inArray(members.id, seen), eq(members.organizationId, organizationId)));
        expect(ours).toHaveLength(seen.length);
        const untouched = atStart.filter((member) => !touched.has(member.id)).map((member) => member.id);
        expect(seen).toEqual(expect.arrayContaining(untouched));
      } finally {
        // Back to the seeded organization for the other tests.
        await db.delete(members).where(and(eq(members.organizationId, organizationId), eq(members.invitedAt, later)));
        const restored = reference.everyone.filter((member) => touched.has(member.id));
        for (const member of restored) {
          await db
            .update(members)
            .set({ removedAt: member.removedAt, enrolledAt: member.enrolledAt, resentAt: member.resentAt, invitationExpiresAt: member.invitationExpiresAt })
            .where(eq(members.id, member.id));
        }
      }
    },
  );
});
