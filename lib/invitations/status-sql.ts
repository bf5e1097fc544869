import { and, gt, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import { members } from "@/db/schema";
import type { UserStatus } from "./status";

/** deriveStatus (./status.ts) in SQL, so that filters, sorting and counts agree with what a row shows. */
export function statusSql(now: Date): SQL<UserStatus> {
  return sql<UserStatus>`case
    when ${members.enrolledAt} is not null then 'enrolled'
    when ${members.invitationExpiresAt} <= ${now.toISOString()}::timestamptz then 'expired'
    else 'pending' end`;
}

/** The rule as a filter on the columns themselves, which indexes can serve (unlike the CASE). */
export function statusIs(status: UserStatus, now: Date): SQL {
  switch (status) {
    case "enrolled":
      return isNotNull(members.enrolledAt);
    case "expired":
      return and(isNull(members.enrolledAt), lte(members.invitationExpiresAt, now))!;
    case "pending":
      return and(isNull(members.enrolledAt), gt(members.invitationExpiresAt, now))!;
  }
}
