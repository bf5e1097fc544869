import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitationSettings, organizations, type InvitationSettings, type Organization } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { forgetReminderTokens } from "@/lib/invitations/reminders";
import type { InvitationSettingsInput } from "@/lib/validation/invitation-settings";
import { DEFAULT_REMINDER_DAYS_BEFORE } from "@/lib/validation/invitation-settings-limits";

export type InvitationSetup = { organization: Organization; settings: InvitationSettings | null };

export async function getInvitationSetup(db: Database, organizationId: string): Promise<InvitationSetup | null> {
  const [row] = await db
    .select({ organization: organizations, settings: invitationSettings })
    .from(organizations)
    .leftJoin(invitationSettings, eq(invitationSettings.organizationId, organizations.id))
    .where(eq(organizations.id, organizationId));
  return row ?? null;
}

export async function saveInvitationSettings(
  db: Database,
  input: {
    organizationId: string;
    actorEmail: string | null;
    actorApiKeyId?: string | null;
    /** Reminders are 3 days before expiry when left out, as when the form or a PUT leaves them out. */
    settings: Omit<InvitationSettingsInput, "reminderDaysBefore"> & { reminderDaysBefore?: number | null };
    now: Date;
  },
): Promise<void> {
  const { organizationName, reminderDaysBefore = DEFAULT_REMINDER_DAYS_BEFORE, ...rest } = input.settings;
  const settings = { ...rest, reminderDaysBefore };
  await db.transaction(async (tx) => {
    await tx.update(organizations).set({ name: organizationName }).where(eq(organizations.id, input.organizationId));
    await tx
      .insert(invitationSettings)
      .values({ organizationId: input.organizationId, ...settings, updatedAt: input.now })
      .onConflictDoUpdate({ target: invitationSettings.organizationId, set: { ...settings, updatedAt: input.now } });
    await recordAuditEvents(tx, [
      {
        organizationId: input.organizationId,
        actorEmail: input.actorEmail,
        actorApiKeyId: input.actorApiKeyId ?? null,
        action: "invitation_settings.saved",
        details: { organizationName, validityDays: settings.validityDays, reminderDaysBefore },
        createdAt: input.now,
      },
    ]);
    // Turned off: no link is kept for a reminder any more (turned on again, links sent from then on get one).
    if (reminderDaysBefore === null) await forgetReminderTokens(tx, { organizationId: input.organizationId });
  });
}

export const DEFAULT_ORGANIZATION_NAME = "My organization";
const DEFAULT_ORGANIZATION_LOCK_ID = 7_404_222;

/** The organization that ADMIN_EMAILS administer: the first one, created on first start. */
export async function ensureDefaultOrganization(db: Database): Promise<Organization> {
  return db.transaction(async (tx) => {
    // Two instances starting together must not both create it.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEFAULT_ORGANIZATION_LOCK_ID})`);
    const [existing] = await tx.select().from(organizations).orderBy(asc(organizations.createdAt)).limit(1);
    if (existing) return existing;
    const [created] = await tx.insert(organizations).values({ name: DEFAULT_ORGANIZATION_NAME }).returning();
    return created!;
  });
}

export async function findDefaultOrganization(db: Database): Promise<Organization | null> {
  const [first] = await db.select().from(organizations).orderBy(asc(organizations.createdAt)).limit(1);
  return first ?? null;
}
