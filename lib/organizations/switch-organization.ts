import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { authSessions } from "@/db/schema";
import { administered, listMemberships, type Membership } from "@/lib/auth/memberships";

/**
 * The organization a session works in: the one the session names while its person still administers
 * it, otherwise the oldest one they administer; null for someone who administers none (a Member). A
 * session pointing at an organization whose Admin role was lost falls back rather than keeping access.
 */
export function currentOrganization(memberships: Membership[], sessionOrganizationId: string | null): Membership | null {
  const adminOf = administered(memberships);
  return adminOf.find((membership) => membership.organizationId === sessionOrganizationId) ?? adminOf[0] ?? null;
}

/**
 * Makes an organization the current one of this session alone (auth_sessions.organization_id), if
 * the session's person administers it now; returns whether it did. Every request checks again
 * (currentOrganization), so losing the Admin role right after a switch loses access as well.
 */
export async function switchSessionOrganization(
  db: Database,
  input: { sessionToken: string; userId: string; email: string; organizationId: string },
): Promise<boolean> {
  const adminOf = administered(await listMemberships(db, input.email));
  if (!adminOf.some((membership) => membership.organizationId === input.organizationId)) return false;
  const updated = await db
    .update(authSessions)
    .set({ organizationId: input.organizationId })
    .where(and(eq(authSessions.sessionToken, input.sessionToken), eq(authSessions.userId, input.userId)))
    .returning({ sessionToken: authSessions.sessionToken });
  return updated.length === 1;
}
