import { parseScimFilter } from "@/lib/scim/filter";
import { scimRoute } from "@/lib/scim/scim-route";
import { scimError, scimResponse } from "@/lib/scim/scim-response";
import { createScimUser } from "@/lib/scim/scim-operations";
import { listQuerySchema, listScimUsers } from "@/lib/scim/scim-users";
import { readUserResource } from "@/lib/scim/user-input";

/** GET /scim/v2/Users: the organization's users, filtered (userName, work email, externalId) and paged. */
export const GET = scimRoute(async (_request, { apiKey, db, now, url }) => {
  const query = listQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return scimError(400, "The filter is not a string.", "invalidFilter");
  let filter = null;
  if (query.data.filter !== undefined) {
    const parsed = parseScimFilter(query.data.filter);
    if (!parsed.ok) return scimError(400, parsed.detail, "invalidFilter");
    filter = parsed.filter;
  }
  const page = await listScimUsers(db, { organizationId: apiKey.organizationId, filter, startIndex: query.data.startIndex, count: query.data.count, now });
  return scimResponse(page);
});

/** POST /scim/v2/Users: invites the user; 409 uniqueness when the address is already a user. */
export const POST = scimRoute(async (_request, context) => {
  const input = readUserResource(context.body);
  if (!input.ok) return scimError(input.status, input.detail, input.scimType);
  return createScimUser(context, input.data);
});
