import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inviteUsersAction } from "@/app/(console)/users/actions";
import type { Database, DatabaseHandle } from "@/db/client";
import { authUsers } from "@/db/schema";
import type { AdminContext } from "@/lib/auth/caller";
import { rowsOf } from "@/lib/bulk-insert";
import { inviter, readyOrganization } from "@/test/fixtures/invitations";
import { createTestDatabase } from "@/test/support/test-database";
import { LARGE_IMPORT_ROWS } from "./refresh-planner-statistics";

// The console's invite action is called as the form calls it; what it leaves for after the response
// (Next's `after`) is kept here, to run when the test says.
const session = vi.hoisted(() => ({ admin: undefined as AdminContext | undefined }));
const afterResponse = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void afterResponse.push(task),
}));
vi.mock("@/lib/auth/caller", () => ({ getCaller: async () => ({ kind: "admin", context: session.admin }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/email/delivery-loop", () => ({ wakeDeliveryWorkers: () => {} }));

let handle: DatabaseHandle;
const now = new Date("2026-11-23T10:00:00Z");
const importedTables = ["emails", "invitations", "members"];

beforeAll(async () => {
  vi.stubEnv("RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR", "1000000");
  handle = await createTestDatabase();
  (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase = handle;
  const organizationId = (await readyOrganization(handle.db, now)).id;
  const [adminUser] = await handle.db.insert(authUsers).values({ email: inviter.email }).returning();
  session.admin = { userId: adminUser!.id, email: inviter.email, displayName: inviter.displayName, organizationId, organizationName: "Acme" };
});
afterAll(async () => {
  delete (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase;
  vi.unstubAllEnvs();
  await handle.close();
});

/** The imported tables analyzed and vacuumed by a command (autovacuum's runs are in other columns). */
async function refreshedTables(db: Database) {
  const result = await db.execute(sql`
    select relname from pg_stat_user_tables
    where relname in (${sql.join(importedTables.map((table) => sql`${table}`), sql`, `)})
      and last_analyze is not null and last_vacuum is not null
    order by relname`);
  return rowsOf<{ relname: string }>(result).map((row) => row.relname);
}

const invitees = (count: number, batch: string) =>
  Array.from({ length: count }, (_, index) => ({ firstName: "Ada", lastName: "Lovelace", email: `${batch}.${index}@example.com` }));

describe("planner statistics after an import", () => {
  it("a small invite leaves them to autovacuum: nothing runs after the response", async () => {
    const result = await inviteUsersAction({ rows: invitees(LARGE_IMPORT_ROWS - 1, "small") });
    expect(result).toEqual({ ok: true, data: { invited: LARGE_IMPORT_ROWS - 1, sendId: expect.any(String) } });
    expect(afterResponse).toHaveLength(0);
    expect(await refreshedTables(handle.db)).toEqual([]);
  });

  it(`an invite of ${LARGE_IMPORT_ROWS} users or more analyzes and vacuums the tables it wrote, after the response`, async () => {
    const result = await inviteUsersAction({ rows: invitees(LARGE_IMPORT_ROWS, "large") });
    expect(result).toEqual({ ok: true, data: { invited: LARGE_IMPORT_ROWS, sendId: expect.any(String) } });
    // Not while the admin waits: only once the response is out.
    expect(await refreshedTables(handle.db)).toEqual([]);
    expect(afterResponse).toHaveLength(1);
    await afterResponse.pop()!();
    expect(await refreshedTables(handle.db)).toEqual(importedTables);
  });
});
