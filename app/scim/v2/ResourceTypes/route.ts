import { scimRoute } from "@/lib/scim/scim-route";
import { scimResponse } from "@/lib/scim/scim-response";
import { listOf, userResourceType } from "@/lib/scim/discovery";

/** GET /scim/v2/ResourceTypes: User, with Roster's enrollment extension. */
export const GET = scimRoute(async () => scimResponse(listOf([userResourceType()])));
