import { and, inArray } from "drizzle-orm";
import { invitations, isLiveInvitation } from "@/db/schema";

/** The live invitations of these users (see isLiveInvitation): the ones a resend or removal retires. */
export function liveInvitationsOf(memberIds: string[]) {
  return and(inArray(invitations.memberId, memberIds), isLiveInvitation(invitations));
}
