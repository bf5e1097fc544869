import { apiRoute } from "@/lib/api/api-route";
import { dataResponse, problem } from "@/lib/api/problem";
import { findUserOfKey, invitationLimitOfKey, inviterOfKey, tooManyProblem, userNotFound } from "@/lib/api/users";
import { wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";
import { SETUP_REQUIRED } from "@/lib/invitations/invite-users";
import { RESEND_COOLDOWN_MS, resendInvitations } from "@/lib/invitations/resend-invitations";
import { getInvitationSetup } from "@/lib/organizations/invitation-setup";
import { sendWithinInvitationLimit } from "@/lib/rate-limit/abuse-limits";

/**
 * POST /api/v1/users/{id}/resend: a new link and email, the previous link stops working. 409 for an
 * Enrolled user, 429 with Retry-After within a minute of the previous resend.
 */
export const POST = apiRoute<{ id: string }>(async (_request, { apiKey, db, now, params }) => {
  const user = await findUserOfKey(db, apiKey, params.id, now);
  if (!user) return userNotFound();
  const setup = await getInvitationSetup(db, apiKey.organizationId);
  if (!setup?.settings) return problem(409, "conflict", SETUP_REQUIRED);

  const result = await sendWithinInvitationLimit(db, invitationLimitOfKey(apiKey, 1, now), async () => {
    const resent = await resendInvitations(db, {
      organizationId: apiKey.organizationId,
      inviter: inviterOfKey(apiKey),
      memberIds: [user.id],
      now,
    });
    return { result: resent, sent: resent.ok ? resent.data.resent.length : 0 };
  });
  if (!result.ok) {
    if ("retryAfterSeconds" in result) return tooManyProblem(result.message, result.retryAfterSeconds);
    return result.message === SETUP_REQUIRED ? problem(409, "conflict", SETUP_REQUIRED) : userNotFound();
  }
  const { resent, skippedEnrolled, tooSoon } = result.data;
  if (skippedEnrolled.length > 0) {
    return problem(409, "conflict", "This user has already enrolled: there is no invitation to resend.");
  }
  const [waiting] = tooSoon;
  if (waiting) {
    const resentAt = waiting.resentAt?.getTime() ?? now.getTime();
    const seconds = Math.max(1, Math.ceil((resentAt + RESEND_COOLDOWN_MS - now.getTime()) / 1000));
    return tooManyProblem(`An invitation can be resent to the same user once a minute. Try again in ${seconds} seconds.`, seconds);
  }
  if (resent.length === 0) return userNotFound();
  wakeDeliveryWorkers();
  wakeWebhookWorkers();
  const updated = await findUserOfKey(db, apiKey, user.id, now);
  return updated ? dataResponse(updated) : userNotFound();
});
