/**
 * SCIM's answers (RFC 7644 §3.12): `application/scim+json`, and errors as SCIM error objects whose
 * `status` is the HTTP status as a string, with a `scimType` for the kinds of 400 and 409 the RFC
 * names, and `detail` the sentence about this one.
 */
export const SCIM_CONTENT_TYPE = "application/scim+json";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue";

export function scimResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  const all = new Headers(headers);
  all.set("Content-Type", SCIM_CONTENT_TYPE);
  all.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: all });
}

export function scimError(status: number, detail: string, scimType?: ScimType, headers?: HeadersInit): Response {
  return scimResponse({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail }, status, headers);
}

export const scimNotFound = () => scimError(404, "There is no such user in this organization.");

export const scimNoContent = () => new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
