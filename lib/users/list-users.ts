import { and, asc, count, desc, eq, ilike, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emails, members } from "@/db/schema";
import type { UserStatus } from "@/lib/invitations/status";
import { statusIs, statusSql } from "@/lib/invitations/status-sql";
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
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (match) => `\\${match}`);

/**
 * The queries behind a page of the Users table, built but not run: listUsers runs them in one
 * transaction, and the benchmark reads their SQL with `.toSQL()`. First the total; then, knowing it,
 * the page (none past the end).
 *
 * The page is found as ids first, and the rows (with their delivery state, a subquery each) are read
 * for those ids only, so a deep page does not work out the delivery state of every row it skips. A
 * page beyond the middle is found from the far end in the opposite order, skipping fewer rows; the
 * order is total (ties are broken by id), so this picks exactly the same rows.
 */
export function listUsersQueries(db: Database, organizationId: string, params: UsersSearchParams, now: Date) {
  const status = statusSql(now);
  const conditions: SQL[] = [eq(members.organizationId, organizationId), isNull(members.removedAt)];
  if (params.q) {
    // The same expression as the trigram index members_list_search.
    const searchable = sql`(${members.firstName} || ' ' || ${members.lastName} || ' ' || ${members.email})`;
    conditions.push(ilike(searchable, `%${escapeLike(params.q)}%`));
  }
  if (params.status.length) conditions.push(or(...params.status.map((wanted) => statusIs(wanted, now)))!);
  const where = and(...conditions);

  const sortExpressions: Record<UserSortColumn, SQL | AnyColumn> = {
    name: sql`lower(${members.firstName} || ' ' || ${members.lastName})`,
    email: members.email,
    status,
    invitedAt: members.invitedAt,
    expiresAt: members.invitationExpiresAt,
    enrolledAt: members.enrolledAt,
  };
  // The id breaks ties in the same direction, so one index serves the whole ORDER BY. Turning both
  // round reverses the order exactly, NULLs included (PostgreSQL puts them last ascending, first descending).
  const orderBy = (dir: "asc" | "desc") => {
    const direction = dir === "asc" ? asc : desc;
    return [direction(sortExpressions[params.sort]), direction(members.id)];
  };

  // The newest invitation email's state, for the delivery badge. The member's id is qualified by
  // hand: in a one-table select Drizzle writes a bare "id", which inside the subquery is the email's.
  const deliveryStatus = sql<string | null>`(
    select ${emails.status} from ${emails}
    where ${emails.memberId} = ${members}.${sql.identifier(members.id.name)} and ${emails.kind} = 'invitation'
    order by ${emails.createdAt} desc limit 1)`;

  return {
    total: db.select({ total: count() }).from(members).where(where),
    page(total: number) {
      const offset = (params.page - 1) * params.perPage;
      if (offset >= total) return null;
      const rowsAfter = Math.max(0, total - offset - params.perPage);
      const fromEnd = rowsAfter < offset;
      const pageIds = db
        .select({ id: members.id })
        .from(members)
        .where(where)
        .orderBy(...orderBy(fromEnd ? (params.dir === "asc" ? "desc" : "asc") : params.dir))
        .limit(fromEnd ? Math.min(params.perPage, total - offset) : params.perPage)
        .offset(fromEnd ? rowsAfter : offset)
        .as("page_ids");
      return db
        .select({
          id: members.id,
          firstName: members.firstName,
          lastName: members.lastName,
          email: members.email,
          role: members.role,
          status,
          invitedAt: members.invitedAt,
          expiresAt: members.invitationExpiresAt,
          enrolledAt: members.enrolledAt,
          deliveryStatus,
        })
        .from(members)
        .innerJoin(pageIds, eq(pageIds.id, members.id))
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
      const [{ total } = { total: 0 }] = await queries.total;
      const page = queries.page(total);
      const rows = page ? await page : [];
      return {
        rows: rows.map((row) => ({ ...row, expiresAt: row.enrolledAt ? null : row.expiresAt })),
        total,
      };
    },
    // One snapshot for the total and the page, so that they agree while others write.
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
