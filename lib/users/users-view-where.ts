import { and, eq, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { emails, members } from "@/db/schema";
import { statusIs } from "@/lib/invitations/status-sql";
import { escapeLike } from "./escape-like";
import type { UsersSearchParams } from "./users-search-params";

/**
 * The rows of a view of the Users table (its organization, search, status filter and send), for the
 * page, the export and Select all alike.
 */
export function usersViewWhere(
  organizationId: string,
  params: Pick<UsersSearchParams, "q" | "status"> & { send?: string | null },
  now: Date,
): SQL {
  const conditions: SQL[] = [eq(members.organizationId, organizationId), isNull(members.removedAt)];
  if (params.q) {
    // A case-insensitive substring of "first last email". In a UTF-8 database ILIKE is LIKE between the
    // lower() of both sides, so this is that test, on the text lower-cased once when the row was written
    // (members.searchText, indexed by members_list_search) and the needle lower-cased by the same lower().
    conditions.push(like(members.searchText, sql`lower(${`%${escapeLike(params.q)}%`}::text)`));
  }
  if (params.status.length) conditions.push(or(...params.status.map((wanted) => statusIs(wanted, now)))!);
  if (params.send) {
    // The users one of the send's emails went to (emails_send_status finds them).
    conditions.push(sql`exists (select 1 from ${emails} where ${emails.sendId} = ${params.send} and ${emails.memberId} = ${members.id})`);
  }
  return and(...conditions)!;
}
