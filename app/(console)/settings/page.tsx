import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/caller";
import { renderInvitationPreview } from "@/lib/email/templates/render-invitations";
import { DEFAULT_ORGANIZATION_NAME, getInvitationSetup } from "@/lib/organizations/invitation-setup";
import { DEFAULT_REMINDER_DAYS_BEFORE, DEFAULT_VALIDITY_DAYS } from "@/lib/validation/invitation-settings-limits";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Set up user invitations" };

export default async function SettingsPage() {
  const admin = await requireAdmin();
  const setup = await getInvitationSetup(getDb(), admin.organizationId);
  const settings = setup?.settings;
  const initial = {
    // The first organization is named here by its admin; one made with Create organization keeps the name it was given.
    organizationName: settings || setup?.organization.name !== DEFAULT_ORGANIZATION_NAME ? (setup?.organization.name ?? "") : "",
    contactEmail: settings?.contactEmail ?? "",
    customMessage: settings?.customMessage ?? "",
    validityDays: String(settings?.validityDays ?? DEFAULT_VALIDITY_DAYS),
    reminderDaysBefore: settings ? String(settings.reminderDaysBefore ?? "off") : String(DEFAULT_REMINDER_DAYS_BEFORE),
  };
  const initialPreview = await renderInvitationPreview(initial, { inviterName: admin.displayName, now: new Date() });
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Set up user invitations</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          What invitees see in their invitation email and on the page where they join.
        </p>
      </div>
      <SettingsForm
        isSaved={Boolean(settings)}
        initial={initial}
        initialPreview={initialPreview}
      />
    </div>
  );
}
