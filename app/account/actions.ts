"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { signedInAction } from "@/lib/auth/admin-action";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";
import { failure } from "@/lib/result";
import { leaveOrganization, NOT_A_USER } from "@/lib/users/leave-organization";
import { organizationIdSchema } from "@/lib/validation/organizations";

export const leaveOrganizationAction = signedInAction(organizationIdSchema, async ({ organizationId }, caller) => {
  const membership = caller.memberships.find((candidate) => candidate.organizationId === organizationId);
  if (!membership) return failure(NOT_A_USER);
  if (!membership.memberId) {
    return failure("You administer this organization through the server's ADMIN_EMAILS setting, so you cannot leave it here.");
  }
  const left = await leaveOrganization(getDb(), { organizationId, email: caller.email, now: new Date() });
  if (!left.ok) return left;
  wakeWebhookWorkers(); // the user.left event is committed with the change
  revalidatePath("/", "layout");
  return left;
});
