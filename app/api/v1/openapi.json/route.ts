import { openApiDocument } from "@/lib/api/openapi";
import { appUrl } from "@/lib/config";

/** GET /api/v1/openapi.json: the API's description, public (it holds nothing of anyone's). */
export function GET(): Response {
  return Response.json(openApiDocument(appUrl()), { headers: { "Cache-Control": "public, max-age=300" } });
}
