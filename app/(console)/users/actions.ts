"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { adminAction } from "@/lib/auth/admin-action";
import type { AdminContext } from "@/lib/auth/caller";
import { wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { removeUsers } from "@/lib/invitations/remove-users";
import { resendInvitations } from "@/lib/invitations/resend-invitations";
import { sendWithinInvitationLimit } from "@/lib/rate-limit/abuse-limits";
import { LARGE_IMPORT_ROWS, refreshPlannerStatistics } from "@/lib/refresh-planner-statistics";
import { failure, success } from "@/lib/result";
import { changeRoles } from "@/lib/users/change-roles";
import { saveUsersTableColumns } from "@/lib/users/admin-preferences";
import { deliveryDetails } from "@/lib/users/delivery-details";
import { changeRolesSchema } from "@/lib/validation/change-roles";
import { inviteUsersSchema } from "@/lib/validation/invite-users";
import { memberIdSchema, memberIdsSchema } from "@/lib/validation/member-ids";
import { usersTableColumnsSchema } from "@/lib/validation/users-table-columns";
import { usersViewSchema } from "@/lib/validation/users-view";
import { countSelected, MAX_SELECT_ALL_USERS, tooManySelected, type UsersView } from "@/lib/users/user-selection";
import { dismissSend, getSend, notJoinedView, retryFailedEmails } from "@/lib/sends/sends";
import { sendIdSchema } from "@/lib/validation/sends";

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
  wakeWebhookWorkers(); // and so are the user.invited events
  // After the response: the admin does not wait for the statistics either.
  if (result.data.memberIds.length >= LARGE_IMPORT_ROWS) after(() => refreshPlannerStatistics(getDb()));
  revalidatePath("/users");
  return success({ invited: result.data.memberIds.length, sendId: result.data.sendId });
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
  wakeWebhookWorkers();
  revalidatePath("/users");
  const emailsOf = (people: { email: string }[]) => people.map((person) => person.email);
  return success({
    resent: emailsOf(result.data.resent),
    skippedEnrolled: emailsOf(result.data.skippedEnrolled),
    tooSoon: emailsOf(result.data.tooSoon),
  });
}, scopedToOrganization);

/**
 * Copy invitation link: a fresh link for one Pending or Expired user, with no email (the previous link
 * stops working, as with a resend, and the once-a-minute rule and the invitation limit apply alike).
 * The link is shown once: only its hash is stored.
 */
export const copyInvitationLinkAction = adminAction(memberIdSchema, async ({ memberId }, admin) => {
  const result = await sendWithinInvitationLimit(getDb(), invitationLimitOf(admin, 1), async () => {
    const rotated = await resendInvitations(getDb(), {
      organizationId: admin.organizationId,
      inviter: inviterOf(admin),
      memberIds: [memberId],
      now: new Date(),
      delivery: "link",
    });
    return { result: rotated, sent: rotated.ok ? rotated.data.links.length : 0 };
  });
  if (!result.ok) return result;
  const [enrolled] = result.data.skippedEnrolled;
  if (enrolled) return failure(`${enrolled.email} has already enrolled: there is no invitation link to copy.`);
  const [waiting] = result.data.tooSoon;
  if (waiting) return failure(`A link was made for ${waiting.email} less than a minute ago. Try again in a minute.`);
  const [link] = result.data.links;
  if (!link) return failure("That user is not in this organization any more. Reload the page.");
  revalidatePath("/users");
  return success({ joinUrl: link.joinUrl, email: result.data.resent[0]!.email });
}, { memberIdsOf: (input) => [input.memberId] });

/** Delivery details: the history of one user's invitation emails. Reads only. */
export const deliveryDetailsAction = adminAction(
  memberIdSchema,
  async ({ memberId }, admin) => success(await deliveryDetails(getDb(), { organizationId: admin.organizationId, memberId })),
  { memberIdsOf: (input) => [input.memberId] },
);

/**
 * Select all N users, then Resend invitation: one call naming the view; the server finds its users
 * again inside the transaction. The invitation limit is spent for everyone the view matches now, and
 * what was not sent (Enrolled, resent within the minute) is given back. The outcome is counts.
 */
export const resendInvitationsToViewAction = adminAction(usersViewSchema, async ({ view }, admin) => resendToView(view, admin));

/** Resend invitation to everyone a view matches, within the limits; the outcome is counts and the new send. */
async function resendToView(view: UsersView, admin: AdminContext) {
  const matching = await countSelected(getDb(), admin.organizationId, view, new Date());
  if (matching > MAX_SELECT_ALL_USERS) return failure(tooManySelected(matching));
  const result = await sendWithinInvitationLimit(getDb(), invitationLimitOf(admin, matching), async () => {
    const resent = await resendInvitations(getDb(), { organizationId: admin.organizationId, inviter: inviterOf(admin), view, now: new Date() });
    return { result: resent, sent: resent.ok ? resent.data.resent.length : 0 };
  });
  if (!result.ok) return result;
  wakeDeliveryWorkers();
  wakeWebhookWorkers();
  revalidatePath("/users");
  return success({
    resent: result.data.resent.length,
    skippedEnrolled: result.data.skippedEnrolled.length,
    tooSoon: result.data.tooSoon.length,
    sendId: result.data.sendId,
  });
}

/** A send's page, Resend to those who have not joined: a resend to its users still Pending or Expired. */
export const resendToNotJoinedAction = adminAction(sendIdSchema, async ({ sendId }, admin) => {
  if (!(await getSend(getDb(), admin.organizationId, sendId))) notFound();
  return resendToView(notJoinedView(sendId), admin);
});

/** A send's page, Retry failed: its failed emails go out again with the same links. */
export const retryFailedAction = adminAction(sendIdSchema, async ({ sendId }, admin) => {
  if (!(await getSend(getDb(), admin.organizationId, sendId))) notFound();
  const outcome = await retryFailedEmails(getDb(), { organizationId: admin.organizationId, sendId, now: new Date() });
  if (outcome.retried > 0) wakeDeliveryWorkers();
  revalidatePath(`/sends/${sendId}`);
  return success(outcome);
});

/** The Users page stops showing the admin's send (its page stays). */
export const dismissSendAction = adminAction(sendIdSchema, async ({ sendId }, admin) => {
  if (!(await dismissSend(getDb(), { organizationId: admin.organizationId, userId: admin.userId, sendId, now: new Date() }))) notFound();
  revalidatePath("/users");
  return success({ dismissed: sendId });
});

/** Select all N users, then Remove user: the view's users as the server finds them inside the transaction. */
export const removeUsersInViewAction = adminAction(usersViewSchema, async ({ view }, admin) => {
  const result = await removeUsers(getDb(), { organizationId: admin.organizationId, actorEmail: admin.email, view, now: new Date() });
  if (!result.ok) return result;
  wakeWebhookWorkers();
  revalidatePath("/users");
  return success({ removed: result.data.removed.length });
});

export const removeUsersAction = adminAction(memberIdsSchema, async ({ memberIds }, admin) => {
  const result = await removeUsers(getDb(), {
    organizationId: admin.organizationId,
    actorEmail: admin.email,
    memberIds,
    now: new Date(),
  });
  if (!result.ok) return result;
  wakeWebhookWorkers();
  revalidatePath("/users");
  return success({ removed: result.data.removed.map((person) => person.email) });
}, scopedToOrganization);

export const changeRolesAction = adminAction(changeRolesSchema, async ({ memberIds, role }, admin) => {
  const result = await changeRoles(getDb(), {
    organizationId: admin.organizationId,
    actorEmail: admin.email,
    memberIds,
    role,
    now: new Date(),
  });
  if (!result.ok) return result;
  wakeWebhookWorkers();
  revalidatePath("/users");
  return success({
    changed: result.data.changed.map((person) => person.email),
    unchanged: result.data.unchanged.map((person) => person.email),
  });
}, scopedToOrganization);

/** The optional columns this admin shows (Invited by, Last sent): theirs alone, kept for their next visit on any device. */
export const saveUsersTableColumnsAction = adminAction(usersTableColumnsSchema, async ({ columns }, admin) => {
  await saveUsersTableColumns(getDb(), { userId: admin.userId, columns, now: new Date() });
  return success({ columns });
});
