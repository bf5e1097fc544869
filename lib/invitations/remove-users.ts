import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, members } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { cancelQueuedEmails } from "@/lib/email/outbox";
import { emitUserEvents } from "@/lib/webhooks/emit-user-events";
import { failure, success, type Result } from "@/lib/result";
import { LAST_ADMIN, wouldLeaveNoAdminRow } from "@/lib/users/last-admin";
import { selectedMemberIds, tooManySelected, type UserSelection } from "@/lib/users/user-selection";
import { liveInvitationsOf } from "./live-invitation";

/**
 * Removes users from the organization: they leave the table and lose membership, their link stops
 * working at once and an invitation email still waiting to be sent is cancelled. The rows are kept.
 * Refused as a whole when it would remove the organization's last admin row. The selection is ids,
 * or a view (Select all N users) found again inside the transaction.
 */
export async function removeUsers(
  db: Database,
  input: { organizationId: string; actorEmail: string | null; actorApiKeyId?: string | null; now: Date } & UserSelection,
): Promise<Result<{ removed: { id: string; email: string }[] }>> {
  const removed = await db.transaction(async (tx) => {
    const selected = await selectedMemberIds(tx, input.organizationId, input, input.now);
    if ("tooMany" in selected) return tooManySelected(selected.tooMany);
    const memberIds = selected.ids;
    if (memberIds.length === 0) return [];
    if (await wouldLeaveNoAdminRow(tx, input.organizationId, memberIds)) return LAST_ADMIN;
    const rows = await tx
      .update(members)
      .set({ removedAt: input.now })
      .where(
        and(
          inArray(members.id, memberIds),
          eq(members.organizationId, input.organizationId),
          isNull(members.removedAt),
        ),
      )
      .returning({ id: members.id, email: members.email });
    if (rows.length === 0) return rows;
    const ids = rows.map((row) => row.id);
    await tx.update(invitations).set({ revokedAt: input.now, reminderTokenSealed: null }).where(liveInvitationsOf(ids));
    await cancelQueuedEmails(tx, { memberIds: ids });
    await recordAuditEvents(
      tx,
      rows.map((row) => ({
        organizationId: input.organizationId,
        actorEmail: input.actorEmail,
        actorApiKeyId: input.actorApiKeyId ?? null,
        action: "user.removed" as const,
        memberId: row.id,
        details: { email: row.email },
        createdAt: input.now,
      })),
    );
    await emitUserEvents(tx, { organizationId: input.organizationId, type: "user.removed", memberIds: ids, now: input.now });
    return rows;
  });
  if (typeof removed === "string") return failure(removed);
  if (removed.length === 0) return failure("None of the selected users is in this organization any more. Reload the page.");
  return success({ removed });
}
