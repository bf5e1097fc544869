import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, organizations } from "@/db/schema";

export const LAST_ADMIN =
  "An organization needs at least one admin: make someone else an admin first. Nothing was changed.";

/**
 * Whether taking the Admin role from these users (by demotion or removal) would leave the organization
 * with admin rows before and none after. Addresses in ADMIN_EMAILS are not rows and do not count.
 *
 * Locks the organization's row first (FOR NO KEY UPDATE), so that two admins demoting or removing each other at the same
 * moment are decided one after the other: the second sees the first's change and is refused. Every
 * path that can take the role away calls this before touching members, so the lock order is always
 * organization, then members.
 */
export async function wouldLeaveNoAdminRow(tx: Database, organizationId: string, memberIds: string[]): Promise<boolean> {
  if (memberIds.length === 0) return false;
  // FOR NO KEY UPDATE, not FOR UPDATE: it serialises demotions and removals with each other all the
  // same, but not with rows that merely reference the organization. A join inserting its audit event
  // takes FOR KEY SHARE on this row (the foreign key) while it holds the member's row; FOR UPDATE
  // here would wait on that member row while blocking the join: a deadlock (seen on PostgreSQL).
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("no key update");
  const [admins] = await tx
    .select({
      total: count(),
      losing: sql<number>`count(*) filter (where ${inArray(members.id, memberIds)})`.mapWith(Number),
    })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.role, "admin"), isNull(members.removedAt)));
  return admins!.total > 0 && admins!.losing === admins!.total;
}
