import type { Database } from "@/db/client";
import { auditEvents, emails, invitations, invitationSettings, members, organizations } from "@/db/schema";

/**
 * Every row a refused request could have written (organizations, their setup, users, invitations,
 * emails, the audit log), comparable with toEqual: the same before and after means nothing was written.
 */
export async function rowsSnapshot(db: Database) {
  const tables = [organizations, invitationSettings, members, invitations, emails, auditEvents];
  const contents = await Promise.all(tables.map((table) => db.select().from(table)));
  return contents.map((rows) => rows.map((row) => JSON.stringify(row)).sort());
}
