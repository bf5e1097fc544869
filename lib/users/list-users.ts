import { and, asc, count, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";
import { userStatuses, type UserStatus } from "@/lib/invitations/status";
import { statusIs, statusSql } from "@/lib/invitations/status-sql";
import { usersViewWhere } from "./users-view-where";
import { invitedBySql, lastSentAtSql, latestDeliveryStatusSql, shownExpiry, userColumns } from "./user-object";
import type { UserSortColumn, UsersSearchParams } from "./users-search-params";

export type UserRow = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: "member" | "admin";
  status: UserStatus;
  invitedAt: Date;
  expiresAt: Date | null;
  enrolledAt: Date | null;
  deliveryStatus: string | null;
  /** When the current invitation's reminder went out ("Reminded <date>" in the Status cell). */
  reminderSentAt: Date | null;
  /** The optional columns' values (lib/users/optional-columns.ts). */
  invitedBy: string | null;
  lastSentAt: Date | null;
};

/** What the counting query returns. */
export type UsersCount = { total: number };

/**
 * Up to this many, a search's matches are sorted to find a page (1,028 matches: about 8 ms on PostgreSQL);
 * more are found by walking the sort's index, where they are dense enough to fill a first page soon.
 */
const SORTED_SEARCH_MATCHES = 2_000;

/** Statuses in ascending order of the status sort: the names' own order, as `order by status` has it. */
export const statusesAscending = [...userStatuses].sort() as UserStatus[];


/** What each sort of the Users table orders by (ties are broken by the id, in the same direction). */
export function userSortExpressions(now: Date): Record<UserSortColumn, SQL | AnyColumn> {
  return {
    name: members.nameSortKey,
    email: members.email,
    status: statusSql(now),
    invitedAt: members.invitedAt,
    expiresAt: members.invitationExpiresAt,
    enrolledAt: members.enrolledAt,
  };
}

/**
 * The queries behind a page of the Users table, built but not run: listUsers runs them in one
 * transaction, and the benchmark reads their SQL with `.toSQL()`. First the count; then, knowing it,
 * the page (none past the end).
 *
 * The page is found as ids first, from an index alone (see the members indexes in db/schema.ts), and
 * the rows (with their delivery state, a subquery each) are read for those ids only. A page beyond
 * the middle is found from the far end in the opposite order, skipping fewer rows; the order is total
 * (ties are broken by id), so this picks exactly the same rows. Status has no index to be read in
 * (Expired depends on `now`), but its order is a run of each status's rows by id: sorting by status
 * reads the page from the runs it falls in (statusRunIds).
 */
export function listUsersQueries(db: Database, organizationId: string, params: UsersSearchParams, now: Date) {
  const where = usersViewWhere(organizationId, params, now);
  const sortExpressions = userSortExpressions(now);
  const opposite = (dir: "asc" | "desc") => (dir === "asc" ? "desc" : "asc");
  // The id breaks ties in the same direction, so one index serves the whole ORDER BY. Turning both
  // round reverses the order exactly, NULLs included (PostgreSQL puts them last ascending, first descending).
  const orderBy = (dir: "asc" | "desc", sort: UserSortColumn | "id" = params.sort) => {
    const direction = dir === "asc" ? asc : desc;
    return sort === "id" ? [direction(members.id)] : [direction(sortExpressions[sort]), direction(members.id)];
  };

  /** The ids of rows [offset, offset + limit) of `count` rows matching `rowsWhere`, from whichever end is nearer. */
  const idsOf = (rowsWhere: SQL, sort: UserSortColumn | "id", count: number, offset: number, limit: number) => {
    const rowsAfter = Math.max(0, count - offset - limit);
    const fromEnd = rowsAfter < offset;
    const dir = fromEnd ? opposite(params.dir) : params.dir;
    const rows = Math.min(limit, count - offset);
    const skipped = fromEnd ? rowsAfter : offset;
    if (params.q && count <= SORTED_SEARCH_MATCHES) {
      // A search matching few rows: its matches are read through the trigram index and sorted. Left
      // to itself, the planner walks the sort's index and tests every row (18 matches among 95,000:
      // 215 ms instead of 2); OFFSET 0 keeps it from merging the two queries.
      const key = sort === "id" ? members.id : sortExpressions[sort];
      const matching = db.select({ id: members.id, sortKey: sql`${key}`.as("sort_key") }).from(members).where(rowsWhere);
      const direction = dir === "asc" ? asc : desc;
      return db
        .select({ id: sql<string>`matches.id`.as("id") })
        .from(sql`(${matching.getSQL()} offset 0) as matches`)
        .orderBy(direction(sql`matches.sort_key`), direction(sql`matches.id`))
        .limit(rows)
        .offset(skipped);
    }
    return db
      .select({ id: sql<string>`${members.id}`.as("id") })
      .from(members)
      .where(rowsWhere)
      .orderBy(...orderBy(dir, sort))
      .limit(rows)
      .offset(skipped);
  };

  /**
   * The ids of rows [offset, offset + limit) of the status sort, from whichever end is nearer: each
   * status's run of rows in id order, one after the other. How many of the page's rows a run gives
   * depends on how many rows the runs before it hold, so one statement counts those first (run_counts),
   * each only up to the end of the page, and reads each run with the LIMIT and OFFSET that follow: a
   * first page counts 25 rows of a run, not its 45,000, a run that ends before the page is not read,
   * and the total is the plain count every sort has.
   */
  const statusRunIds = (total: number, offset: number, limit: number) => {
    const rowsAfter = Math.max(0, total - offset - limit);
    const fromEnd = rowsAfter < offset;
    const dir = fromEnd ? opposite(params.dir) : params.dir;
    const rows = Math.min(limit, total - offset);
    const skipped = fromEnd ? rowsAfter : offset;
    const end = skipped + rows;
    const runs = (dir === "asc" ? statusesAscending : [...statusesAscending].reverse()).filter(
      (runStatus) => params.status.length === 0 || params.status.includes(runStatus),
    );
    const runIds = (runStatus: UserStatus) =>
      db.select({ id: members.id }).from(members).where(and(where, statusIs(runStatus, now))).orderBy(...orderBy(dir, "id"));
    // run_counts.run_<i>: the rows of run i, or `end` if it holds at least that many.
    const capped = runs.slice(0, -1).map((runStatus, index) => {
      const upToEnd = db.select({ one: sql`1` }).from(members).where(and(where, statusIs(runStatus, now))).limit(end);
      return sql`(select count(*) from (${upToEnd.getSQL()}) as capped) as ${sql.identifier(`run_${index}`)}`;
    });
    const parts = runs.map((runStatus, index) => {
      if (runs.length === 1) return sql`(${runIds(runStatus).getSQL()} limit ${rows} offset ${skipped})`;
      // The rows before this run, or at least `end` of them: then none of this run is on the page.
      const sumBefore = index === 0 ? sql`0` : sql.join(runs.slice(0, index).map((_, before) => sql.identifier(`run_${before}`)), sql` + `);
      const before = sql`least(${sumBefore}, ${end}::bigint)`;
      // A run before the last gives what of it lies before the page's end (none if it ends before the
      // page starts: then it is not read at all); the last gives the rest.
      const onPage =
        index < runs.length - 1
          ? sql`greatest(0, least(${before} + ${sql.identifier(`run_${index}`)}, ${end}::bigint) - greatest(${before}, ${skipped}::bigint))`
          : sql`${rows}::bigint - greatest(0, ${before} - ${skipped}::bigint)`;
      return sql`(${runIds(runStatus).getSQL()}
        limit (select ${onPage} from run_counts)
        offset (select greatest(0, ${skipped}::bigint - ${before}) from run_counts))`;
    });
    const union = sql.join(parts, sql` union all `);
    const statement = capped.length ? sql`with run_counts as (select ${sql.join(capped, sql`, `)}) ${union}` : union;
    // The runs give `rows` ids in all; saying so lets the planner join the page by id (it cannot
    // estimate a LIMIT it has to compute, and otherwise hashes the whole table).
    return db.select({ id: sql<string>`runs.id`.as("id") }).from(sql`(${statement}) as runs`).limit(rows);
  };

  return {
    count: db.select({ total: count() }).from(members).where(where),
    page(counted: UsersCount) {
      const offset = (params.page - 1) * params.perPage;
      if (offset >= counted.total) return null;
      let pageIds;
      if (params.sort === "status" && !(params.q && counted.total <= SORTED_SEARCH_MATCHES)) {
        pageIds = statusRunIds(counted.total, offset, params.perPage).as("page_ids");
      } else {
        // A search's few matches sorted by status are sorted like any other sort's (see idsOf).
        pageIds = idsOf(where, params.sort, counted.total, offset, params.perPage).as("page_ids");
      }
      return db
        .select({
          ...userColumns(now),
          deliveryStatus: latestDeliveryStatusSql,
          reminderSentAt: members.reminderSentAt,
          invitedBy: invitedBySql,
          lastSentAt: lastSentAtSql,
        })
        .from(members)
        .innerJoin(pageIds, sql`${sql.identifier("page_ids")}.${sql.identifier("id")} = ${members.id}`)
        .orderBy(...orderBy(params.dir));
    },
  };
}

/** One page of the Users table and the total, filtered, searched and sorted in SQL. */
export async function listUsers(
  db: Database,
  organizationId: string,
  params: UsersSearchParams,
  now: Date,
): Promise<{ rows: UserRow[]; total: number }> {
  return db.transaction(
    async (tx) => {
      const queries = listUsersQueries(tx, organizationId, params, now);
      const [counted = { total: 0 }] = await queries.count;
      const { total } = counted;
      const page = queries.page(counted);
      const rows = page ? await page : [];
      return {
        rows: rows.map((row) => ({ ...row, expiresAt: shownExpiry(row) })),
        total,
      };
    },
    // One snapshot for the total and the page, so that they agree while others write.
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
