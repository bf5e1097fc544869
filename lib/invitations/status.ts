import { and, gt, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import { members } from "@/db/schema";

export const userStatuses = ["pending", "expired", "enrolled"] as const;
export type UserStatus = (typeof userStatuses)[number];

export const userStatusLabels: Record<UserStatus, string> = {
  pending: "Pending",
  expired: "Expired",
  enrolled: "Enrolled",
};

/** Status of a listed user: Enrolled once joined, otherwise by the expiry of the newest invitation. */
export function deriveStatus(
  user: { enrolledAt: Date | null; invitationExpiresAt: Date },
  now: Date,
): UserStatus {
  if (user.enrolledAt) return "enrolled";
  return user.invitationExpiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

/** The same rule in SQL, so that filters, sorting and counts agree with what a row shows. */
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
