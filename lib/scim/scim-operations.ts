import type { Database } from "@/db/client";
import type { ApiKeyPrincipal } from "@/lib/api-keys/api-keys";
import { invitationLimitOfKey, inviterOfKey } from "@/lib/api/users";
import { wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { ALREADY_A_USER, inviteUsers, SETUP_REQUIRED } from "@/lib/invitations/invite-users";
import { removeUsers } from "@/lib/invitations/remove-users";
import { sendWithinInvitationLimit } from "@/lib/rate-limit/abuse-limits";
import { LAST_ADMIN } from "@/lib/users/last-admin";
import { NO_SUCH_USER, updateUserDetails, type UserDetailsChange } from "@/lib/users/update-user";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";
import { scimError, scimNotFound, scimResponse } from "./scim-response";
import { findScimUser, removedScimUser } from "./scim-users";
import type { UserPatch, UserResourceInput } from "./user-input";

/**
 * What SCIM's writes do, through the console's own domain functions (inviteUsers, updateUserDetails,
 * removeUsers), so that the Activity log names the API key, webhooks announce the change and emails
 * go through the outbox exactly as when an admin acts.
 */
type KeyedCall = { db: Database; apiKey: ApiKeyPrincipal; now: Date };

export const SCIM_SETUP_REQUIRED = `${SETUP_REQUIRED} (In Roster: Settings → Set up user invitations.)`;

/** POST /Users: invites the user (the invitation email is queued in the outbox), 201 with the resource. */
export async function createScimUser({ db, apiKey, now }: KeyedCall, input: UserResourceInput): Promise<Response> {
  if (!input.active) return scimError(400, "Roster invites active users only: create the user with active true.", "invalidValue");
  const row = {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    role: "member" as const,
    externalId: input.externalId,
    scimUserName: input.userName,
  };
  const result = await sendWithinInvitationLimit(db, invitationLimitOfKey(apiKey, 1, now), async () => {
    const invited = await inviteUsers(db, { organizationId: apiKey.organizationId, inviter: inviterOfKey(apiKey), rows: [row], now });
    return { result: invited, sent: invited.ok ? invited.data.memberIds.length : 0 };
  });
  if (!result.ok) {
    if ("retryAfterSeconds" in result) {
      return scimError(429, result.message, undefined, result.retryAfterSeconds === null ? undefined : { "Retry-After": String(result.retryAfterSeconds) });
    }
    if (result.message === SETUP_REQUIRED) return scimError(400, SCIM_SETUP_REQUIRED);
    // Already a user: found before the insert (an error on the row), or by the unique index when another request won the race.
    if (result.fieldErrors || result.message === ALREADY_A_USER) return scimError(409, ALREADY_A_USER, "uniqueness");
    return scimError(400, result.message, "invalidValue");
  }
  wakeDeliveryWorkers();
  wakeWebhookWorkers();
  const created = await findScimUser(db, apiKey.organizationId, result.data.memberIds[0]!, now);
  return created ? scimResponse(created, 201, { Location: created.meta.location }) : scimNotFound();
}

/**
 * PUT and PATCH: `active: false` removes the user (their link stops working, a queued email is
 * cancelled) and answers the resource as last seen, `active: false`; afterwards the user is 404.
 * Otherwise the names, externalId and the spelling of userName change (never the address), 200
 * with the resource.
 */
export async function changeScimUser({ db, apiKey, now }: KeyedCall, id: string, patch: UserPatch): Promise<Response> {
  const user = await findScimUser(db, apiKey.organizationId, id, now);
  if (!user) return scimNotFound();
  if (patch.active === false) return removeScimUser({ db, apiKey, now }, user.id, "resource");

  const change: UserDetailsChange = { firstName: patch.firstName, lastName: patch.lastName, externalId: patch.externalId };
  if (patch.userName !== undefined) change.scimUserName = patch.userName;
  const updated = await updateUserDetails(db, {
    organizationId: apiKey.organizationId,
    memberId: user.id,
    actorEmail: null,
    actorApiKeyId: apiKey.id,
    change,
    now,
  });
  if (!updated.ok) {
    if (patch.userName !== undefined && updated.message !== NO_SUCH_USER) {
      return scimError(400, `userName: ${updated.message}`, "mutability");
    }
    return scimNotFound();
  }
  const current = await findScimUser(db, apiKey.organizationId, user.id, now);
  return current ? scimResponse(current) : scimNotFound();
}

/** DELETE (204) or `active: false` (200 with the resource, `active: false`): the console's Remove user. */
export async function removeScimUser({ db, apiKey, now }: KeyedCall, id: string, answer: "empty" | "resource"): Promise<Response> {
  const removed = await removeUsers(db, { organizationId: apiKey.organizationId, actorEmail: null, actorApiKeyId: apiKey.id, memberIds: [id], now });
  if (!removed.ok) return removed.message === LAST_ADMIN ? scimError(409, LAST_ADMIN) : scimNotFound();
  wakeWebhookWorkers(); // user.removed is committed with the removal
  if (answer === "empty") return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  const last = await removedScimUser(db, apiKey.organizationId, id, now);
  return last ? scimResponse(last) : scimNotFound();
}
