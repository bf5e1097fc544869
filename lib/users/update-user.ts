import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { failure, success, type Result } from "@/lib/result";

/** What may change of a user's details; an absent field is left as it is (externalId null clears it). */
export type UserDetailsChange = {
  firstName?: string;
  lastName?: string;
  externalId?: string | null;
  /** The address as the identity provider spells it: the same address as the user's email, in another case. */
  scimUserName?: string;
};

export const NO_SUCH_USER = "There is no such user in this organization.";

/**
 * Changes a listed user's first and last name and the identity provider's id and spelling of them
 * (SCIM's PUT and PATCH): audited as "User details changed" with the new values, the actor being the
 * admin or the API key. The email address never changes here: it is what the invitation was sent to.
 * Fields given with their current value change nothing and are not recorded; nothing at all changed
 * records nothing.
 */
export async function updateUserDetails(
  db: Database,
  input: { organizationId: string; memberId: string; actorEmail: string | null; actorApiKeyId?: string | null; change: UserDetailsChange; now: Date },
): Promise<Result<{ changed: (keyof UserDetailsChange)[] }>> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ email: members.email, firstName: members.firstName, lastName: members.lastName, externalId: members.externalId, scimUserName: members.scimUserName })
      .from(members)
      .where(and(eq(members.id, input.memberId), eq(members.organizationId, input.organizationId), isNull(members.removedAt)))
      .for("update");
    if (!current) return failure(NO_SUCH_USER);
    const { scimUserName } = input.change;
    if (scimUserName !== undefined && scimUserName.toLowerCase() !== current.email) {
      return failure("A user's email address cannot be changed: it is the address the invitation was sent to.");
    }
    const changes: UserDetailsChange = {};
    for (const field of ["firstName", "lastName", "externalId", "scimUserName"] as const) {
      const value = input.change[field];
      if (value !== undefined && value !== current[field]) Object.assign(changes, { [field]: value });
    }
    const changed = Object.keys(changes) as (keyof UserDetailsChange)[];
    if (changed.length === 0) return success({ changed });
    await tx.update(members).set(changes).where(eq(members.id, input.memberId));
    const recorded: Record<string, unknown> = { ...changes };
    delete recorded.scimUserName; // a change of case only, of an address the Activity log already names
    if (Object.keys(recorded).length > 0) {
      await recordAuditEvents(tx, [
        {
          organizationId: input.organizationId,
          actorEmail: input.actorEmail,
          actorApiKeyId: input.actorApiKeyId ?? null,
          action: "user.details_changed",
          memberId: input.memberId,
          details: { email: current.email, ...recorded },
          createdAt: input.now,
        },
      ]);
    }
    return success({ changed });
  });
}
