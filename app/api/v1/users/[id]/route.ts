import { apiRoute } from "@/lib/api/api-route";
import { dataResponse, problem } from "@/lib/api/problem";
import { parseJsonBody } from "@/lib/api/request-body";
import { changeRoleBodySchema } from "@/lib/api/schemas";
import { findUserOfKey, userNotFound } from "@/lib/api/users";
import { removeUsers } from "@/lib/invitations/remove-users";
import { changeRoles } from "@/lib/users/change-roles";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";
import { LAST_ADMIN } from "@/lib/users/last-admin";

type Params = { id: string };

/** GET /api/v1/users/{id}: one user of the key's organization. */
export const GET = apiRoute<Params>(async (_request, { apiKey, db, now, params }) => {
  const user = await findUserOfKey(db, apiKey, params.id, now);
  return user ? dataResponse(user) : userNotFound();
});

/** PATCH /api/v1/users/{id}: { role }. The organization's last admin row cannot be demoted (409). */
export const PATCH = apiRoute<Params>(async (_request, { apiKey, db, now, params, body }) => {
  const user = await findUserOfKey(db, apiKey, params.id, now);
  if (!user) return userNotFound();
  const input = parseJsonBody(body, changeRoleBodySchema);
  if (!input.ok) return input.response;
  const changed = await changeRoles(db, {
    organizationId: apiKey.organizationId,
    actorEmail: null,
    actorApiKeyId: apiKey.id,
    memberIds: [user.id],
    role: input.data.role,
    now,
  });
  if (!changed.ok) return changed.message === LAST_ADMIN ? problem(409, "conflict", LAST_ADMIN) : userNotFound();
  wakeWebhookWorkers(); // user.role_changed is committed with the change
  const updated = await findUserOfKey(db, apiKey, user.id, now);
  return updated ? dataResponse(updated) : userNotFound();
});

/** DELETE /api/v1/users/{id}: removes the user (204). The organization's last admin row cannot be removed (409). */
export const DELETE = apiRoute<Params>(async (_request, { apiKey, db, now, params }) => {
  const user = await findUserOfKey(db, apiKey, params.id, now);
  if (!user) return userNotFound();
  const removed = await removeUsers(db, {
    organizationId: apiKey.organizationId,
    actorEmail: null,
    actorApiKeyId: apiKey.id,
    memberIds: [user.id],
    now,
  });
  if (!removed.ok) return removed.message === LAST_ADMIN ? problem(409, "conflict", LAST_ADMIN) : userNotFound();
  wakeWebhookWorkers(); // user.removed is committed with the removal
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
