"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { adminAction } from "@/lib/auth/admin-action";
import type { AdminContext } from "@/lib/auth/admin-context";
import { wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { removeUsers } from "@/lib/invitations/remove-users";
import { resendInvitations } from "@/lib/invitations/resend-invitations";
import { sendWithinInvitationLimit } from "@/lib/rate-limit/abuse-limits";
import { success } from "@/lib/result";
import { inviteUsersSchema } from "@/lib/validation/invite-users";
import { memberIdsSchema } from "@/lib/validation/member-ids";

const inviterOf = (admin: AdminContext) => ({ userId: admin.userId, email: admin.email, displayName: admin.displayName });

/** The admin's hourly invitation limit, spent by each recipient (lib/rate-limit/abuse-limits.ts). */
const invitationLimitOf = (admin: AdminContext, recipients: number) => ({ adminUserId: admin.userId, recipients, now: new Date() });

// Ids come from the client: the wrapper answers 404 unless every one is a user of the admin's organization.
const scopedToOrganization = { memberIdsOf: (input: { memberIds: string[] }) => input.memberIds };

export const inviteUsersAction = adminAction(inviteUsersSchema, async ({ rows }, admin) => {
  const result = await sendWithinInvitationLimit(getDb(), invitationLimitOf(admin, rows.length), async () => {
    const invited = await inviteUsers(getDb(), {
      organizationId: admin.organizationId,
      inviter: inviterOf(admin),
      rows,
      now: new Date(),
    });
    return { result: invited, sent: invited.ok ? invited.data.memberIds.length : 0 };
  });
  if (!result.ok) return result;
  wakeDeliveryWorkers(); // the emails are committed in the outbox; the admin does not wait for the provider
  revalidatePath("/users");
  return success({ invited: result.data.memberIds.length });
});

export const resendInvitationsAction = adminAction(memberIdsSchema, async ({ memberIds }, admin) => {
  const result = await sendWithinInvitationLimit(getDb(), invitationLimitOf(admin, memberIds.length), async () => {
    const resent = await resendInvitations(getDb(), {
      organizationId: admin.organizationId,
      inviter: inviterOf(admin),
      memberIds,
      now: new Date(),
    });
    return { result: resent, sent: resent.ok ? resent.data.resent.length : 0 };
  });
  if (!result.ok) return result;
  wakeDeliveryWorkers();
  revalidatePath("/users");
  const emailsOf = (people: { email: string }[]) => people.map((person) => person.email);
  return success({
    resent: emailsOf(result.data.resent),
    skippedEnrolled: emailsOf(result.data.skippedEnrolled),
    tooSoon: emailsOf(result.data.tooSoon),
  });
}, scopedToOrganization);

export const removeUsersAction = adminAction(memberIdsSchema, async ({ memberIds }, admin) => {
  const result = await removeUsers(getDb(), {
    organizationId: admin.organizationId,
    actorEmail: admin.email,
    memberIds,
    now: new Date(),
  });
  if (!result.ok) return result;
  revalidatePath("/users");
  return success({ removed: result.data.removed.map((person) => person.email) });
}, scopedToOrganization);
