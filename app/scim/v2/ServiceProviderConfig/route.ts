import { scimRoute } from "@/lib/scim/scim-route";
import { scimResponse } from "@/lib/scim/scim-response";
import { serviceProviderConfig } from "@/lib/scim/discovery";

/** GET /scim/v2/ServiceProviderConfig: what Roster's SCIM supports (RFC 7644 §4). */
export const GET = scimRoute(async () => scimResponse(serviceProviderConfig()));
