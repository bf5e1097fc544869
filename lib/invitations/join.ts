import { and, eq, gt, isNull, TransactionRollbackError } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, invitationSettings, isLiveInvitation, members, organizations } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { cancelQueuedEmails } from "@/lib/email/outbox";
import { emitUserEvents } from "@/lib/webhooks/emit-user-events";
import { invitationState, type InvitationState } from "./invitation-state";
import { hashToken, INVITATION_TOKEN_PATTERN } from "./token";

export type JoinPageData = {
  organizationName: string;
  contactEmail: string | null;
  customMessage: string | null;
  invitee: { firstName: string; lastName: string; email: string };
  expiresAt: Date;
};

export type InvitationLookup =
  | { state: InvitationState; page: JoinPageData }
  | { state: "unknown" };

/** Reads what a join link is. Opening a link never changes anything: mail scanners open links too. */
export async function findInvitation(db: Database, token: string, now: Date): Promise<InvitationLookup> {
  if (!INVITATION_TOKEN_PATTERN.test(token)) return { state: "unknown" };
  // Only what the page shows and the state needs: this is the query behind every opened link.
  const [row] = await db
    .select({
      invitation: {
        usedAt: invitations.usedAt,
        replacedAt: invitations.replacedAt,
        revokedAt: invitations.revokedAt,
        expiresAt: invitations.expiresAt,
      },
      member: { firstName: members.firstName, lastName: members.lastName, email: members.email, removedAt: members.removedAt },
      organizationName: organizations.name,
      contactEmail: invitationSettings.contactEmail,
      customMessage: invitationSettings.customMessage,
    })
    .from(invitations)
    .innerJoin(members, eq(members.id, invitations.memberId))
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(invitationSettings, eq(invitationSettings.organizationId, invitations.organizationId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return { state: "unknown" };
  const { invitation, member } = row;
  return {
    // A removed user's link is revoked even if an older row missed the marker.
    state: member.removedAt && !invitation.usedAt ? "revoked" : invitationState(invitation, now),
    page: {
      organizationName: row.organizationName,
      contactEmail: row.contactEmail,
      customMessage: row.customMessage,
      invitee: { firstName: member.firstName, lastName: member.lastName, email: member.email },
      expiresAt: invitation.expiresAt,
    },
  };
}

export type JoinResult = { ok: true; page: JoinPageData } | { ok: false; lookup: InvitationLookup };

/**
 * Completes enrollment, once. One transaction locks the user and then the invitation (the order
 * resend and removal use), and both updates are conditional, so concurrent joins enrol once and a
 * removal that wins the race leaves nobody Enrolled. Expiry is checked now, at the moment of joining.
 */
export async function joinWithToken(db: Database, token: string, now: Date): Promise<JoinResult> {
  if (!INVITATION_TOKEN_PATTERN.test(token)) return { ok: false, lookup: { state: "unknown" } };
  const tokenHash = hashToken(token);

  const joined = await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ memberId: invitations.memberId })
      .from(invitations)
      .where(eq(invitations.tokenHash, tokenHash));
    if (!target) return null;
    await tx.select({ id: members.id }).from(members).where(eq(members.id, target.memberId)).for("update");

    const [used] = await tx
      .update(invitations)
      .set({ usedAt: now, reminderTokenSealed: null })
      .where(
        and(
          eq(invitations.tokenHash, tokenHash),
          isLiveInvitation(invitations),
          gt(invitations.expiresAt, now),
        ),
      )
      .returning({ organizationId: invitations.organizationId });
    if (!used) return null;

    const [enrolled] = await tx
      .update(members)
      .set({ enrolledAt: now })
      .where(and(eq(members.id, target.memberId), isNull(members.removedAt), isNull(members.enrolledAt)))
      .returning({ id: members.id, email: members.email, reminderSentAt: members.reminderSentAt });
    if (!enrolled) {
      tx.rollback(); // throws: the invitation stays unused
    }
    // A reminder still waiting to be sent has nothing left to remind of.
    if (enrolled!.reminderSentAt) await cancelQueuedEmails(tx, { memberIds: [enrolled!.id], kind: "reminder" });
    await recordAuditEvents(tx, [
      {
        organizationId: used.organizationId,
        actorEmail: enrolled!.email,
        action: "user.enrolled",
        memberId: enrolled!.id,
        createdAt: now,
      },
    ]);
    await emitUserEvents(tx, { organizationId: used.organizationId, type: "user.enrolled", memberIds: [enrolled!.id], now });
    return enrolled!;
  }).catch((error: unknown) => {
    if (error instanceof TransactionRollbackError) return null;
    throw error;
  });

  const lookup = await findInvitation(db, token, now);
  if (joined && lookup.state !== "unknown") return { ok: true, page: lookup.page };
  return { ok: false, lookup };
}
