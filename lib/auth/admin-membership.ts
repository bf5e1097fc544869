import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";
import { adminEmails } from "@/lib/config";
import { findDefaultOrganization } from "@/lib/organizations/invitation-setup";
import { normaliseEmail } from "@/lib/validation/email-address";

export type AdminMembership = { organizationId: string; displayName: string };

/**
 * Which organization an address administers, if any: the addresses in ADMIN_EMAILS administer the
 * first organization; an enrolled, not removed user invited with the Admin role administers theirs.
 */
export async function findAdminMembership(db: Database, address: string): Promise<AdminMembership | null> {
  const email = normaliseEmail(address);
  const [member] = await db
    .select({ organizationId: members.organizationId, firstName: members.firstName, lastName: members.lastName })
    .from(members)
    .where(
      and(
        eq(members.email, email),
        eq(members.role, "admin"),
        isNotNull(members.enrolledAt),
        isNull(members.removedAt),
      ),
    )
    .orderBy(asc(members.enrolledAt))
    .limit(1);
  if (member) return { organizationId: member.organizationId, displayName: `${member.firstName} ${member.lastName}` };

  if (adminEmails().includes(email)) {
    const organization = await findDefaultOrganization(db);
    if (organization) return { organizationId: organization.id, displayName: email };
  }
  return null;
}
