/**
 * A listed user's status, its label and the rule that derives it: plain data, safe for the browser.
 * The same rule in SQL, for filters, sorting and counts, is in ./status-sql.ts (server only).
 */
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
