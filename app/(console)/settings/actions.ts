"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/auth/admin-action";
import { saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { renderInvitationPreview } from "@/lib/email/templates/render-invitations";
import { success } from "@/lib/result";
import { getDb } from "@/db/client";
import { invitationPreviewSchema, invitationSettingsSchema } from "@/lib/validation/invitation-settings";

export const saveInvitationSettingsAction = adminAction(invitationSettingsSchema, async (settings, admin) => {
  await saveInvitationSettings(getDb(), {
    organizationId: admin.organizationId,
    actorEmail: admin.email,
    settings,
    now: new Date(),
  });
  revalidatePath("/", "layout");
  return success(null);
});

/** Reads nothing and writes nothing: the invitation email as the setup form's values stand. */
export const previewInvitationEmailAction = adminAction(invitationPreviewSchema, async (values, admin) =>
  success(await renderInvitationPreview(values, { inviterName: admin.displayName, now: new Date() })),
);
