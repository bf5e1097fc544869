import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emails, invitations, members } from "@/db/schema";
import { inviteOne, inviter, readyOrganization } from "@/test/fixtures/invitations";
import { createTestDatabase } from "@/test/support/test-database";
import { inviteUsersSchema, MAX_INVITE_ROWS } from "@/lib/validation/invite-users";
import { ALREADY_A_USER, inviteUsers } from "./invite-users";

/**
 * One Send invite of MAX_INVITE_ROWS rows, as the server action receives it, on this run's driver
 * (PostgreSQL with DATABASE_URL, else PGlite): all rows in one transaction, or none. The commit time
 * is printed, never asserted.
 */
let handle: DatabaseHandle;
let organizationId: string;
const now = new Date("2026-12-01T03:00:00Z");
const driver = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

const fullFile = (prefix: string) =>
  inviteUsersSchema.parse({
    rows: Array.from({ length: MAX_INVITE_ROWS }, (_, index) => ({ firstName: `Bulk${index}`, lastName: "Person", email: `${prefix}.${index}@example.com` })),
  }).rows;

async function counts() {
  const [[memberRows], [invitationRows], [emailRows]] = await Promise.all([
    handle.db.select({ n: count() }).from(members).where(eq(members.organizationId, organizationId)),
    handle.db.select({ n: count() }).from(invitations),
    handle.db.select({ n: count() }).from(emails),
  ]);
  return { members: memberRows!.n, invitations: invitationRows!.n, emails: emailRows!.n };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, now)).id;
  await inviteOne(handle.db, organizationId, "already@example.com", now);
}, 120_000);
afterAll(() => handle.close());

describe(`a Send invite of ${MAX_INVITE_ROWS.toLocaleString("en")} rows (${driver})`, () => {
  it("refuses the whole file when one row is already a user, naming that row, and writes nothing", async () => {
    const before = await counts();
    const rows = fullFile("refused");
    rows[7_499] = { ...rows[7_499]!, email: "already@example.com" };
    const result = await inviteUsers(handle.db, { organizationId, inviter, rows, now });
    expect(result).toEqual({ ok: false, message: "1 address is already a user of this organization. Nothing was sent.", fieldErrors: { "rows.7499.email": [ALREADY_A_USER] } });
    expect(await counts()).toEqual(before);
  }, 120_000);

  it("rolls back the rows already inserted when a late one fails inside the transaction", async () => {
    const before = await counts();
    // The schema would refuse a repeated address; given straight to inviteUsers, the last row's insert
    // meets the unique index after every earlier chunk went in.
    const rows = fullFile("rolled-back");
    rows[MAX_INVITE_ROWS - 1] = { ...rows[MAX_INVITE_ROWS - 1]!, email: rows[0]!.email };
    const result = await inviteUsers(handle.db, { organizationId, inviter, rows, now });
    expect(result).toMatchObject({ ok: false, message: ALREADY_A_USER });
    expect(await counts()).toEqual(before);
  }, 120_000);

  it("commits every row, its invitation and its email in one transaction", async () => {
    const before = await counts();
    const started = performance.now();
    const result = await inviteUsers(handle.db, { organizationId, inviter, rows: fullFile("sent"), now });
    const elapsed = performance.now() - started;
    expect(result.ok && result.data.memberIds).toHaveLength(MAX_INVITE_ROWS);
    expect(await counts()).toEqual({
      members: before.members + MAX_INVITE_ROWS,
      invitations: before.invitations + MAX_INVITE_ROWS,
      emails: before.emails + MAX_INVITE_ROWS,
    });
    console.log(`inviteUsers of ${MAX_INVITE_ROWS.toLocaleString("en")} rows on ${driver}: ${(elapsed / 1000).toFixed(1)} s`);
  }, 120_000);
});
