import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { chunks } from "@/lib/chunks";
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
  for (const slice of chunks(events)) {
    await db.insert(auditEvents).values(slice.map((event) => ({ ...event, details: event.details ?? {} })));
  }
}
