import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { z } from "@/lib/validation/zod";
import type { Database } from "@/db/client";
import { auditEvents, members } from "@/db/schema";
import { auditActions, type AuditAction } from "./audit-actions";

export const ACTIVITY_PAGE_SIZE = 50;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** The Activity page's URL: an unknown action or page falls back to the default view. */
export const activitySearchParamsSchema = z.object({
  action: z.preprocess(firstValue, z.enum(auditActions).optional().catch(undefined)),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(1_000_000).catch(1)).default(1),
});
export type ActivitySearchParams = z.output<typeof activitySearchParamsSchema>;

export type ActivityRow = {
  id: string;
  createdAt: Date;
  actorEmail: string | null;
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
        action: auditEvents.action,
        targetEmail: members.email,
        details: auditEvents.details,
      })
      .from(auditEvents)
      .leftJoin(members, eq(members.id, auditEvents.memberId))
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(ACTIVITY_PAGE_SIZE)
      .offset((params.page - 1) * ACTIVITY_PAGE_SIZE);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(auditEvents).where(where);
    return { rows: rows.map((row) => ({ ...row, action: row.action as AuditAction })), total };
  });
}
