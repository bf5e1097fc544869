import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, members } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { cancelQueuedEmails } from "@/lib/email/outbox";
import { liveInvitationsOf } from "@/lib/invitations/live-invitation";
import { failure, success, type Result } from "@/lib/result";
import { emitUserEvents } from "@/lib/webhooks/emit-user-events";
import { normaliseEmail } from "@/lib/validation/email-address";
import { wouldLeaveNoAdminRow } from "./last-admin";

export const LAST_ADMIN_LEAVING =
  "You are the last admin of this organization: make someone else an admin before you leave. Nothing was changed.";
export const NOT_A_USER = "You are not a user of this organization any more.";

/**
 * A signed-in person leaves an organization they joined: like a removal (the row is kept, the Users
 * table stops listing it, the address can be invited again), but done by the person, recorded as
 * "User left" and announced as user.left. The last admin row cannot leave, by the same rule and the
 * same organization-row lock as a demotion or removal, so a leave racing a remove or a role change
 * is decided one after the other: exactly one of them ends the membership, and never the last admin's.
 */
export async function leaveOrganization(
  db: Database,
  input: { organizationId: string; email: string; now: Date },
): Promise<Result<{ memberId: string }>> {
  const email = normaliseEmail(input.email);
  const outcome = await db.transaction(async (tx) => {
    const ofThisPerson = and(
      eq(members.organizationId, input.organizationId),
      eq(members.email, email),
      isNotNull(members.enrolledAt),
      isNull(members.removedAt),
    );
    const [member] = await tx.select({ id: members.id }).from(members).where(ofThisPerson);
    if (!member) return NOT_A_USER;
    if (await wouldLeaveNoAdminRow(tx, input.organizationId, [member.id])) return LAST_ADMIN_LEAVING;
    // Checked again under the lock: a removal that got there first has already ended the membership.
    const [left] = await tx
      .update(members)
      .set({ removedAt: input.now })
      .where(and(eq(members.id, member.id), ofThisPerson))
      .returning({ id: members.id });
    if (!left) return NOT_A_USER;
    await tx.update(invitations).set({ revokedAt: input.now, reminderTokenSealed: null }).where(liveInvitationsOf([left.id]));
    await cancelQueuedEmails(tx, { memberIds: [left.id] });
    await recordAuditEvents(tx, [
      {
        organizationId: input.organizationId,
        actorEmail: email,
        action: "user.left",
        memberId: left.id,
        details: { email },
        createdAt: input.now,
      },
    ]);
    await emitUserEvents(tx, { organizationId: input.organizationId, type: "user.left", memberIds: [left.id], now: input.now });
    return left;
  });
  if (typeof outcome === "string") return failure(outcome);
  return success({ memberId: outcome.id });
}
