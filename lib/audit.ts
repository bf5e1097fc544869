import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";

export type AuditEvent = {
  organizationId: string;
  actorEmail: string | null;
  action: "invitation_settings.saved" | "user.invited" | "user.invitation_resent" | "user.removed" | "user.enrolled";
  memberId?: string | null;
  details?: Record<string, unknown>;
  createdAt: Date;
};

export async function recordAuditEvents(db: Database, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(auditEvents).values(events.map((event) => ({ ...event, details: event.details ?? {} })));
}
