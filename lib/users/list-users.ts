import { and, asc, count, desc, eq, ilike, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emails, members } from "@/db/schema";
import { statusIs, statusSql, type UserStatus } from "@/lib/invitations/status";
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
 * The two queries behind a page of the Users table (the page's rows, and the total), built but not
 * run: listUsers runs them in one transaction, and the benchmark reads their SQL with `.toSQL()`.
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
  const direction = params.dir === "asc" ? asc : desc;
  // The id breaks ties in the same direction, so one index serves the whole ORDER BY.
  const orderBy = [direction(sortExpressions[params.sort]), direction(members.id)];

  // The newest invitation email's state, for the delivery badge. Drizzle writes the columns of a
  // one-table select without their table, so the outer member's id is qualified by hand: a bare "id"
  // inside the subquery would be the email's own id and the badge would never show.
  const deliveryStatus = sql<string | null>`(
    select ${emails.status} from ${emails}
    where ${emails.memberId} = ${members}.${sql.identifier(members.id.name)} and ${emails.kind} = 'invitation'
    order by ${emails.createdAt} desc limit 1)`;

  return {
    rows: db
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
      .where(where)
      .orderBy(...orderBy)
      .limit(params.perPage)
      .offset((params.page - 1) * params.perPage),
    total: db.select({ total: count() }).from(members).where(where),
  };
}

/** One page of the Users table and the total, filtered, searched and sorted in SQL. */
export async function listUsers(
  db: Database,
  organizationId: string,
  params: UsersSearchParams,
  now: Date,
): Promise<{ rows: UserRow[]; total: number }> {
  return db.transaction(async (tx) => {
    const queries = listUsersQueries(tx, organizationId, params, now);
    const rows = await queries.rows;
    const [{ total } = { total: 0 }] = await queries.total;
    return {
      rows: rows.map((row) => ({ ...row, expiresAt: row.enrolledAt ? null : row.expiresAt })),
      total,
    };
  });
}
