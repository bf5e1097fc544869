import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, auditEvents, members } from "@/db/schema";
import type { ActivitySearchParams } from "./activity-search-params";
import type { AuditAction } from "./audit-actions";

export type ActivityRow = {
  id: string;
  createdAt: Date;
  actorEmail: string | null;
  /** The name of the API key that acted, when the REST API did. */
  actorApiKeyName: string | null;
  action: AuditAction;
  targetEmail: string | null;
  details: Record<string, unknown>;
};

/** The organization's audit trail, newest first, one page at a time. */
export async function listAuditEvents(
  db: Database,
  organizationId: string,
  params: ActivitySearchParams,
): Promise<{ rows: ActivityRow[]; total: number }> {
  const conditions: SQL[] = [eq(auditEvents.organizationId, organizationId)];
  if (params.action) conditions.push(eq(auditEvents.action, params.action));
  const where = and(...conditions);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: auditEvents.id,
        createdAt: auditEvents.createdAt,
        actorEmail: auditEvents.actorEmail,
        actorApiKeyName: apiKeys.name,
        action: auditEvents.action,
        targetEmail: members.email,
        details: auditEvents.details,
      })
      .from(auditEvents)
      .leftJoin(members, eq(members.id, auditEvents.memberId))
      .leftJoin(apiKeys, eq(apiKeys.id, auditEvents.actorApiKeyId))
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(params.perPage)
      .offset((params.page - 1) * params.perPage);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(auditEvents).where(where);
    return { rows: rows.map((row) => ({ ...row, action: row.action as AuditAction })), total };
  });
}
