import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { insertRows } from "@/lib/bulk-insert";
import type { AuditAction } from "./audit-actions";

/** Every admin action and every enrollment, with who, what, whom and when. */
export type AuditEvent = {
  organizationId: string;
  actorEmail: string | null;
  /** The API key that acted, when the REST API did (actorEmail is then null). */
  actorApiKeyId?: string | null;
  action: AuditAction;
  memberId?: string | null;
  details?: Record<string, unknown>;
  createdAt: Date;
};

export async function recordAuditEvents(db: Database, events: AuditEvent[]): Promise<void> {
  await insertRows(
    db,
    auditEvents,
    events.map((event) => ({ ...event, details: event.details ?? {} })),
  );
}
