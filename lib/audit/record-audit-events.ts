import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditAction } from "./audit-actions";

/** Every admin action and every enrollment, with who, what, whom and when. */
export type AuditEvent = {
  organizationId: string;
  actorEmail: string | null;
  action: AuditAction;
  memberId?: string | null;
  details?: Record<string, unknown>;
  createdAt: Date;
};

export async function recordAuditEvents(db: Database, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(auditEvents).values(events.map((event) => ({ ...event, details: event.details ?? {} })));
}
