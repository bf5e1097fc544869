import { scimRoute } from "@/lib/scim/scim-route";
import { scimError, scimNotFound, scimResponse } from "@/lib/scim/scim-response";
import { changeScimUser, removeScimUser } from "@/lib/scim/scim-operations";
import { findScimUser } from "@/lib/scim/scim-users";
import { readUserPatch, readUserResource } from "@/lib/scim/user-input";

type Params = { id: string };

/** GET /scim/v2/Users/{id}: one listed user of the key's organization; 404 for anything else. */
export const GET = scimRoute<Params>(async (_request, { apiKey, db, now, params }) => {
  const user = await findScimUser(db, apiKey.organizationId, params.id, now);
  return user ? scimResponse(user) : scimNotFound();
});

/** PUT /scim/v2/Users/{id}: replaces the names and externalId (absent clears it); `active: false` removes. */
export const PUT = scimRoute<Params>(async (_request, context) => {
  const user = await findScimUser(context.db, context.apiKey.organizationId, context.params.id, context.now);
  if (!user) return scimNotFound();
  const input = readUserResource(context.body);
  if (!input.ok) return scimError(input.status, input.detail, input.scimType);
  const { firstName, lastName, externalId, userName, active } = input.data;
  return changeScimUser(context, user.id, { firstName, lastName, externalId, userName, active });
});

/** PATCH /scim/v2/Users/{id}: Operations (RFC 7644 §3.5.2), Entra ID's forms included; `active: false` removes. */
export const PATCH = scimRoute<Params>(async (_request, context) => {
  const user = await findScimUser(context.db, context.apiKey.organizationId, context.params.id, context.now);
  if (!user) return scimNotFound();
  const patch = readUserPatch(context.body);
  if (!patch.ok) return scimError(patch.status, patch.detail, patch.scimType);
  return changeScimUser(context, user.id, patch.data);
});

/** DELETE /scim/v2/Users/{id}: removes the user (204); again, 404. */
export const DELETE = scimRoute<Params>(async (_request, context) => {
  const user = await findScimUser(context.db, context.apiKey.organizationId, context.params.id, context.now);
  if (!user) return scimNotFound();
  return removeScimUser(context, user.id, "empty");
});
