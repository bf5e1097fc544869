import { scimRoute } from "@/lib/scim/scim-route";
import { scimResponse } from "@/lib/scim/scim-response";
import { listOf, userSchemas } from "@/lib/scim/discovery";

/** GET /scim/v2/Schemas: the core User attributes Roster keeps and its enrollment extension. */
export const GET = scimRoute(async () => scimResponse(listOf(userSchemas())));
