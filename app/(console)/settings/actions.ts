"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/auth/admin-action";
import { saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { success } from "@/lib/result";
import { getDb } from "@/db/client";
import { invitationSettingsSchema } from "@/lib/validation/invitation-settings";

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
