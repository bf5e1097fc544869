import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, members } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { cancelQueuedEmails } from "@/lib/email/outbox";
import { failure, success, type Result } from "@/lib/result";
import { liveInvitationsOf } from "./live-invitation";

/**
 * Removes users from the organization: they leave the table and lose membership, their link stops
 * working at once and an invitation email still waiting to be sent is cancelled. The rows are kept.
 */
export async function removeUsers(
  db: Database,
  input: { organizationId: string; actorEmail: string; memberIds: string[]; now: Date },
): Promise<Result<{ removed: { id: string; email: string }[] }>> {
  const removed = await db.transaction(async (tx) => {
    const rows = await tx
      .update(members)
      .set({ removedAt: input.now })
      .where(
        and(
          inArray(members.id, input.memberIds),
          eq(members.organizationId, input.organizationId),
          isNull(members.removedAt),
        ),
      )
      .returning({ id: members.id, email: members.email });
    if (rows.length === 0) return rows;
    const ids = rows.map((row) => row.id);
    await tx.update(invitations).set({ revokedAt: input.now }).where(liveInvitationsOf(ids));
    await cancelQueuedEmails(tx, { memberIds: ids });
    await recordAuditEvents(
      tx,
      rows.map((row) => ({
        organizationId: input.organizationId,
        actorEmail: input.actorEmail,
        action: "user.removed" as const,
        memberId: row.id,
        details: { email: row.email },
        createdAt: input.now,
      })),
    );
    return rows;
  });
  if (removed.length === 0) return failure("None of the selected users is in this organization any more. Reload the page.");
  return success({ removed });
}
