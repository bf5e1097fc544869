import { and, asc, desc, isNotNull, isNull, lte, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";
import { roleLabels } from "./role-labels";
import { csvRow } from "@/lib/csv/csv-cell";
import { userStatusLabels } from "@/lib/invitations/status";
import { statusIs } from "@/lib/invitations/status-sql";
import { statusesAscending, userSortExpressions, type UserRow } from "./list-users";
import { usersViewWhere } from "./users-view-where";
import { shownExpiry, userColumns } from "./user-object";
import type { UserSortColumn, UsersSearchParams } from "./users-search-params";

/** What an export reads of a view: the table's search, filters and sort, never its page. */
export type UsersExportView = Pick<UsersSearchParams, "q" | "status" | "send" | "sort" | "dir">;

/** A row of the export: SPEC's columns of the Users table (Expires is none once enrolled). */
export type UserExportRow = Omit<UserRow, "deliveryStatus" | "reminderSentAt" | "invitedBy" | "lastSentAt">;

/** Rows read by each query: some 220 kB of CSV, from an index range scan of about 2 ms at 100,000 users. */
export const EXPORT_BATCH_SIZE = 2_000;

export const USERS_CSV_HEADER = ["First name", "Last name", "Email", "Role", "Status", "Invited", "Expires", "Enrolled"] as const;

/** Sorts whose key a join (enrolledAt, status) or a resend (expiresAt, status) moves. */
const movableSorts: ReadonlySet<UserSortColumn> = new Set(["status", "expiresAt", "enrolledAt"]);
/** The SQL type of each sort key, for the cursor that carries it between queries as text. */
const sortKeyTypes: Record<Exclude<UserSortColumn, "status">, "text" | "timestamptz"> = {
  name: "text",
  email: "text",
  invitedAt: "timestamptz",
  expiresAt: "timestamptz",
  enrolledAt: "timestamptz",
};

/** Where the previous query stopped: its last row's sort key (as PostgreSQL writes it, to the microsecond) and id. */
type Cursor = { key: string | null; id: string };

/**
 * Every row of a view of the Users table, in the view's order, as batches of short queries: keyset
 * pagination on (sort key, id), each query starting after the last row of the one before. No
 * transaction or cursor is held between batches, so a slow download keeps no connection (PGlite has
 * only one) and no snapshot open; memory is one batch, whatever the number of rows.
 *
 * The view is taken as of `startedAt`: statuses are derived at that moment, and so are the status
 * filter and sort. Rows added during the export come in if the walk has not passed their place yet;
 * removed ones drop out if it has not reached them. Every row is written at most once: the keys of
 * name, email and invited never change, and when sorting by a key that a join or a resend moves
 * (status, expires, enrolled), a row enrolled or resent after `startedAt` is left out of the batches
 * still to come, since it may have moved behind the walk or ahead of it. Status, which no index can
 * be read in order of, is walked as list-users pages it: one run of each status's rows, by id.
 */
export async function* usersViewInBatches(
  db: Database,
  organizationId: string,
  view: UsersExportView,
  startedAt: Date,
  batchSize: number = EXPORT_BATCH_SIZE,
): AsyncGenerator<UserExportRow[], void, undefined> {
  const unmoved = and(
    or(isNull(members.resentAt), lte(members.resentAt, startedAt)),
    or(isNull(members.enrolledAt), lte(members.enrolledAt, startedAt)),
  )!;
  const viewWhere = usersViewWhere(organizationId, view, startedAt);
  const where = movableSorts.has(view.sort) ? and(viewWhere, unmoved)! : viewWhere;
  const direction = view.dir === "asc" ? asc : desc;

  const batch = (rowsWhere: SQL, key: SQL | AnyColumn) =>
    db
      .select({ ...userColumns(startedAt), cursorKey: sql<string | null>`(${key})::text` })
      .from(members)
      .where(rowsWhere)
      .orderBy(direction(key), direction(members.id))
      .limit(batchSize);
  const exported = (rows: Awaited<ReturnType<typeof batch>>): UserExportRow[] =>
    rows.map((row) => ({
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      role: row.role,
      status: row.status,
      invitedAt: row.invitedAt,
      expiresAt: shownExpiry(row),
      enrolledAt: row.enrolledAt,
    }));

  if (view.sort === "status") {
    const runs = view.dir === "asc" ? statusesAscending : [...statusesAscending].reverse();
    for (const runStatus of runs) {
      if (view.status.length && !view.status.includes(runStatus)) continue;
      const runWhere = and(where, statusIs(runStatus, startedAt))!;
      let after: string | null = null;
      for (;;) {
        const past = after === null ? undefined : view.dir === "asc" ? sql`${members.id} > ${after}::uuid` : sql`${members.id} < ${after}::uuid`;
        const rows = await batch(and(runWhere, past)!, members.id);
        if (rows.length) yield exported(rows);
        if (rows.length < batchSize) break;
        after = rows.at(-1)!.id;
      }
    }
    return;
  }

  const key = userSortExpressions(startedAt)[view.sort];
  const type = sql.raw(sortKeyTypes[view.sort]);
  const nullable = view.sort === "enrolledAt";
  // PostgreSQL puts NULL keys last ascending and first descending; a row comparison with a NULL is
  // never true, so the NULLs are walked on their own, by id.
  const pastCursor = ({ key: last, id }: Cursor): SQL => {
    if (view.dir === "asc") {
      if (last === null) return and(isNull(key), sql`${members.id} > ${id}::uuid`)!;
      const beyond = sql`(${key}, ${members.id}) > (${last}::${type}, ${id}::uuid)`;
      return nullable ? or(beyond, isNull(key))! : beyond;
    }
    if (last === null) return or(and(isNull(key), sql`${members.id} < ${id}::uuid`), isNotNull(key))!;
    return sql`(${key}, ${members.id}) < (${last}::${type}, ${id}::uuid)`;
  };
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = await batch(cursor ? and(where, pastCursor(cursor))! : where, key);
    if (rows.length) yield exported(rows);
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    cursor = { key: last.cursorKey, id: last.id };
  }
}

const isoDate = (date: Date | null) => (date ? date.toISOString() : "");

/** One user as a CSV row: roles and statuses in the table's words, times in ISO 8601 (UTC). */
export function userCsvRow(row: UserExportRow): string {
  return csvRow([
    row.firstName,
    row.lastName,
    row.email,
    roleLabels[row.role],
    userStatusLabels[row.status],
    isoDate(row.invitedAt),
    isoDate(row.expiresAt),
    isoDate(row.enrolledAt),
  ]);
}

/**
 * A view of the Users table as a CSV file (UTF-8 with a byte order mark, so that spreadsheets read
 * accented names right), streamed: the next batch is read only when the client has taken the one
 * before (pull), so a slow download holds one batch in memory and nothing in the database. The first
 * batch is read before this resolves, so that a database that does not answer is an error the caller
 * can still turn into a status code, not a truncated file.
 */
export async function usersCsvStream(batches: AsyncGenerator<UserExportRow[], void, undefined>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await batches.next();
  const encode = (rows: UserExportRow[]) => encoder.encode(rows.map(userCsvRow).join(""));
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`\ufeff${csvRow(USERS_CSV_HEADER)}`));
        if (first.done) controller.close();
        else controller.enqueue(encode(first.value));
      },
      async pull(controller) {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encode(next.value));
      },
      async cancel() {
        await batches.return();
      },
    },
    { highWaterMark: 1 },
  );
}
