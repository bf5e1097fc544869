import { and, count, eq, inArray } from "drizzle-orm";
import { notFound } from "next/navigation";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";

/**
 * Every id a client names must be a user of the caller's organization (listed or removed): an id of
 * another organization, or of nobody, is answered 404 before any work starts. The domain functions
 * filter on the organization too; this makes a forged id a refusal rather than a quiet no-op.
 */
export async function requireMembersOfOrganization(db: Database, organizationId: string, memberIds: string[]): Promise<void> {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return;
  const [row] = await db
    .select({ found: count() })
    .from(members)
    .where(and(inArray(members.id, ids), eq(members.organizationId, organizationId)));
  if ((row?.found ?? 0) !== ids.length) notFound();
}
