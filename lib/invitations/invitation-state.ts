import type { Invitation } from "@/db/schema";

/** What a join link is, at a given moment. Every state but "valid" has its own page. */
export type InvitationState = "valid" | "used" | "replaced" | "revoked" | "expired";

export function invitationState(
  invitation: Pick<Invitation, "usedAt" | "replacedAt" | "revokedAt" | "expiresAt">,
  now: Date,
): InvitationState {
  if (invitation.usedAt) return "used";
  if (invitation.revokedAt) return "revoked";
  if (invitation.replacedAt) return "replaced";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}
