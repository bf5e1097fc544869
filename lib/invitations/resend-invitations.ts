import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, members, type Member } from "@/db/schema";
import { cancelQueuedEmails } from "@/lib/email/outbox";
import { getInvitationSetup } from "@/lib/organizations/invitation-setup";
import { failure, success, type Result } from "@/lib/result";
import { invitationExpiry, issueInvitations, type Inviter } from "./issue-invitations";
import { liveInvitationsOf } from "./live-invitation";
import { SETUP_REQUIRED } from "./invite-users";
import type { TokenGenerator } from "./token";
import { selectedMemberIds, tooManySelected, type UserSelection } from "@/lib/users/user-selection";

/** A user can be resent an invitation at most once in this period (the first resend may follow the invite at once). */
export const RESEND_COOLDOWN_MS = 60_000;

type Person = Pick<Member, "id" | "email" | "firstName" | "lastName" | "resentAt">;
export type ResendOutcome = {
  resent: Person[];
  /** The new join link of each user resent to: emailed, or for the admin to copy (delivery "link"). */
  links: { memberId: string; joinUrl: string }[];
  /** The send its emails make (null when nothing was emailed). */
  sendId: string | null;
  skippedEnrolled: Person[];
  tooSoon: Person[];
};

/**
 * For each selected user who is not Enrolled: the current link stops working, a new one with a
 * fresh validity period is made, and a new email is queued (the unsent previous one is cancelled).
 * With delivery "link" (Copy invitation link) no email is queued: the link is returned for the admin
 * to pass on another way. Both count as a resend for the once-a-minute rule.
 */
export async function resendInvitations(
  db: Database,
  input: {
    organizationId: string;
    inviter: Inviter;
    now: Date;
    random?: TokenGenerator;
    delivery?: "email" | "link";
  } & UserSelection,
): Promise<Result<ResendOutcome>> {
  const setup = await getInvitationSetup(db, input.organizationId);
  if (!setup?.settings) return failure(SETUP_REQUIRED);
  const { organization, settings } = setup;

  const outcome = await db.transaction(async (tx) => {
    const selection = await selectedMemberIds(tx, input.organizationId, input, input.now);
    if ("tooMany" in selection) return tooManySelected(selection.tooMany);
    if (selection.ids.length === 0) return { resent: [], links: [], sendId: null, skippedEnrolled: [], tooSoon: [] };
    // Lock the rows first (members, then invitations: the order joining uses too). The rows lock in
    // the plan's order, as removal's update does (sorting here deadlocked against it under the stress
    // test); the outcome names people in address order instead.
    const locked = await tx
      .select()
      .from(members)
      .where(
        and(
          inArray(members.id, selection.ids),
          eq(members.organizationId, input.organizationId),
          isNull(members.removedAt),
        ),
      )
      .for("update");
    const selected = locked.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));

    const skippedEnrolled = selected.filter((member) => member.enrolledAt);
    const tooSoon = selected.filter(
      (member) =>
        !member.enrolledAt && member.resentAt && input.now.getTime() - member.resentAt.getTime() < RESEND_COOLDOWN_MS,
    );
    const due = selected.filter((member) => !member.enrolledAt && !tooSoon.includes(member));
    if (due.length === 0) return { resent: [], links: [], sendId: null, skippedEnrolled, tooSoon };

    const dueIds = due.map((member) => member.id);
    await tx.update(invitations).set({ replacedAt: input.now, reminderTokenSealed: null }).where(liveInvitationsOf(dueIds));
    await cancelQueuedEmails(tx, { memberIds: dueIds });
    await tx
      .update(members)
      .set({ resentAt: input.now, invitationExpiresAt: invitationExpiry(input.now, settings), reminderSentAt: null })
      .where(inArray(members.id, dueIds));
    const { links, sendId } = await issueInvitations(tx, due, {
      organization,
      settings,
      inviter: input.inviter,
      now: input.now,
      random: input.random,
      auditAction: input.delivery === "link" ? "user.invitation_link_copied" : "user.invitation_resent",
    });
    return { resent: due, links, sendId, skippedEnrolled, tooSoon };
  });

  if (typeof outcome === "string") return failure(outcome);
  if (outcome.resent.length + outcome.skippedEnrolled.length + outcome.tooSoon.length === 0) {
    return failure("None of the selected users is in this organization any more. Reload the page.");
  }
  return success(outcome);
}
