import { and, inArray, isNull } from "drizzle-orm";
import { invitations } from "@/db/schema";

/** Invitations whose link still works (unless expired): not used, replaced or revoked. */
export function liveInvitationsOf(memberIds: string[]) {
  return and(
    inArray(invitations.memberId, memberIds),
    isNull(invitations.usedAt),
    isNull(invitations.replacedAt),
    isNull(invitations.revokedAt),
  );
}
