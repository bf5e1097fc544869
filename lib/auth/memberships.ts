import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, organizations, type MemberRole } from "@/db/schema";
import { adminEmails } from "@/lib/config";
import { findDefaultOrganization } from "@/lib/organizations/invitation-setup";
import { normaliseEmail } from "@/lib/validation/email-address";

/** An organization a person belongs to, as /account lists it and the console header switches between. */
export type Membership = {
  organizationId: string;
  organizationName: string;
  role: MemberRole;
  /** Their row in the organization's Users table; null for an ADMIN_EMAILS address with no row there. */
  memberId: string | null;
  firstName: string | null;
  lastName: string | null;
  /** When they enrolled; null for an ADMIN_EMAILS address with no row. */
  joinedAt: Date | null;
};

/**
 * Every organization this address belongs to, oldest enrollment first: each enrolled, not removed
 * user row (one email can be a user of several organizations, with a role in each), plus the first
 * organization as Admin for the addresses in ADMIN_EMAILS, which bootstrap it. Pending invitations are
 * not memberships: the invitee has not joined yet.
 */
export async function listMemberships(db: Database, address: string): Promise<Membership[]> {
  const email = normaliseEmail(address);
  const rows = await db
    .select({
      organizationId: members.organizationId,
      organizationName: organizations.name,
      role: members.role,
      memberId: members.id,
      firstName: members.firstName,
      lastName: members.lastName,
      joinedAt: members.enrolledAt,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(and(eq(members.email, email), isNotNull(members.enrolledAt), isNull(members.removedAt)))
    .orderBy(asc(members.enrolledAt), asc(members.id));
  const memberships: Membership[] = rows;

  if (adminEmails().includes(email)) {
    const first = await findDefaultOrganization(db);
    if (first) {
      const row = memberships.find((membership) => membership.organizationId === first.id);
      if (row) row.role = "admin";
      else
        memberships.unshift({
          organizationId: first.id,
          organizationName: first.name,
          role: "admin",
          memberId: null,
          firstName: null,
          lastName: null,
          joinedAt: null,
        });
    }
  }
  return memberships;
}

/** The organizations this person administers, in the order of listMemberships. */
export const administered = (memberships: Membership[]) => memberships.filter((membership) => membership.role === "admin");

/** How an admin is named to invitees ("Jane Doe invited you"): their name in that organization, or their address. */
export const displayNameIn = (membership: Membership, email: string) =>
  membership.firstName && membership.lastName ? `${membership.firstName} ${membership.lastName}` : email;

/** This person's name as some organization knows it (their first user row with one), or null: an ADMIN_EMAILS address with no row. */
export function knownName(memberships: Membership[]): { firstName: string; lastName: string } | null {
  const named = memberships.find((membership) => membership.firstName && membership.lastName);
  return named ? { firstName: named.firstName!, lastName: named.lastName! } : null;
}
