import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, type MemberRole } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { failure, success, type Result } from "@/lib/result";
import { emitUserEvents } from "@/lib/webhooks/emit-user-events";
import { LAST_ADMIN, wouldLeaveNoAdminRow } from "./last-admin";

type Person = { id: string; email: string };
export type ChangeRolesOutcome = { changed: Person[]; unchanged: Person[] };

/**
 * Gives the selected users this role: Member or Admin. Users who already have it are left as they are
 * (and named in the outcome). Refused as a whole, with nothing changed, when it would demote the
 * organization's last admin row. Audited and announced (user.role_changed) with the change.
 */
export async function changeRoles(
  db: Database,
  input: { organizationId: string; actorEmail: string | null; actorApiKeyId?: string | null; memberIds: string[]; role: MemberRole; now: Date },
): Promise<Result<ChangeRolesOutcome>> {
  return db.transaction(async (tx) => {
    if (input.role === "member" && (await wouldLeaveNoAdminRow(tx, input.organizationId, input.memberIds))) {
      return failure(LAST_ADMIN);
    }
    const selected = and(
      inArray(members.id, input.memberIds),
      eq(members.organizationId, input.organizationId),
      isNull(members.removedAt),
    )!;
    const unchanged = await tx
      .select({ id: members.id, email: members.email })
      .from(members)
      .where(and(selected, eq(members.role, input.role)));
    const changed = await tx
      .update(members)
      .set({ role: input.role })
      .where(and(selected, ne(members.role, input.role)))
      .returning({ id: members.id, email: members.email });
    if (changed.length + unchanged.length === 0) {
      return failure("None of the selected users is in this organization any more. Reload the page.");
    }
    const previousRole: MemberRole = input.role === "admin" ? "member" : "admin";
    await recordAuditEvents(
      tx,
      changed.map((person) => ({
        organizationId: input.organizationId,
        actorEmail: input.actorEmail,
        actorApiKeyId: input.actorApiKeyId ?? null,
        action: "user.role_changed" as const,
        memberId: person.id,
        details: { email: person.email, from: previousRole, to: input.role },
        createdAt: input.now,
      })),
    );
    await emitUserEvents(tx, {
      organizationId: input.organizationId,
      type: "user.role_changed",
      memberIds: changed.map((person) => person.id),
      now: input.now,
    });
    const byEmail = (a: Person, b: Person) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0);
    return success({ changed: changed.sort(byEmail), unchanged: unchanged.sort(byEmail) });
  });
}
