import type { Database } from "@/db/client";
import { members, organizations } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { normaliseEmail } from "@/lib/validation/email-address";

/**
 * A new organization whose first admin row is its creator, enrolled at once (they join nothing: they
 * made it). Its invitation setup starts empty, so the console asks for it before the first invite.
 */
export async function createOrganization(
  db: Database,
  input: { name: string; creator: { userId: string; email: string; firstName: string; lastName: string }; now: Date },
): Promise<{ organizationId: string; memberId: string }> {
  return db.transaction(async (tx) => {
    const [organization] = await tx.insert(organizations).values({ name: input.name, createdAt: input.now }).returning({ id: organizations.id });
    const [creator] = await tx
      .insert(members)
      .values({
        organizationId: organization!.id,
        firstName: input.creator.firstName,
        lastName: input.creator.lastName,
        email: normaliseEmail(input.creator.email),
        role: "admin",
        invitedAt: input.now,
        invitedByUserId: input.creator.userId,
        invitationExpiresAt: input.now,
        enrolledAt: input.now,
      })
      .returning({ id: members.id });
    await recordAuditEvents(tx, [
      {
        organizationId: organization!.id,
        actorEmail: normaliseEmail(input.creator.email),
        action: "organization.created",
        memberId: creator!.id,
        details: { name: input.name },
        createdAt: input.now,
      },
    ]);
    return { organizationId: organization!.id, memberId: creator!.id };
  });
}

/**
 * The creator's name for their first admin row, when no organization knows it: a guess from the
 * address ("jane.doe@…" is Jane Doe), which the Create organization form shows for them to correct.
 */
export function nameGuessedFrom(email: string): { firstName: string; lastName: string } {
  const local = email.split("@")[0] ?? "";
  const words = local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  const firstName = (words[0] ?? "Admin").slice(0, 100);
  const lastName = (words.slice(1).join(" ") || "Admin").slice(0, 100);
  return { firstName, lastName };
}
