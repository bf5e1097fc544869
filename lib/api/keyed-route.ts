import { getDb, type Database } from "@/db/client";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/api-keys/api-keys";
import { limitPolicy, spendLimit } from "@/lib/rate-limit/abuse-limits";
import { API_BODY_LIMIT_BYTES, readBodyText } from "./request-body";

/** What a handler behind an API key is given: the key's organization is the only one it may read or change. */
export type KeyedContext<Params> = {
  apiKey: ApiKeyPrincipal;
  db: Database;
  now: Date;
  url: URL;
  /** The body as UTF-8 text ("" for GET and DELETE), already read within the size limit. */
  body: string;
  params: Params;
};

export type KeyedHandler<Params> = (request: Request, context: KeyedContext<Params>) => Promise<Response>;

/** How a protocol words a refusal made before its handler runs: the REST API as problem+json, SCIM as SCIM errors. */
export type Refuse = (status: 400 | 401 | 413 | 429 | 500, detail: string, headers?: HeadersInit) => Response;

export const UNAUTHORIZED_DETAIL = "Send a valid API key: Authorization: Bearer rst_…";
export const SERVER_ERROR_DETAIL = "Something went wrong on our side. Try again in a moment.";

const BEARER = /^Bearer +(\S+) *$/i;
const RATE_LIMIT_POLICY_NAME = "per-key";

/**
 * The door shared by every route that an API key opens (the REST API and SCIM): authenticates the
 * Bearer key (401, the same answer whatever was wrong: missing, malformed, unknown or revoked),
 * spends the key's per-minute limit in PostgreSQL (429 with Retry-After and RateLimit headers), reads
 * the body within `bodyLimit` (413; 400 when not UTF-8), and answers an unexpected failure with a 500
 * that shows no internals. Nothing here logs the key.
 */
export function keyedRoute<Params extends Record<string, string>>(
  options: { refuse: Refuse; bodyLimit?: number },
  handler: KeyedHandler<Params>,
) {
  const { refuse, bodyLimit = API_BODY_LIMIT_BYTES } = options;
  return async (request: Request, routeContext: { params: Promise<Params> }): Promise<Response> => {
    const now = new Date();
    const db = getDb();
    try {
      const secret = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
      const apiKey = secret ? await authenticateApiKey(db, secret, now) : null;
      if (!apiKey) return refuse(401, UNAUTHORIZED_DETAIL, { "WWW-Authenticate": 'Bearer realm="roster"' });

      const policy = limitPolicy("apiRequestsPerKey");
      const policyHeader = `"${RATE_LIMIT_POLICY_NAME}";q=${policy.amount};w=${policy.windowSeconds}`;
      const spent = await spendLimit(db, "apiRequestsPerKey", { key: apiKey.id, now });
      if (spent.limited) {
        const retryAfter = String(spent.retryAfterSeconds ?? policy.windowSeconds);
        return refuse(429, spent.message, {
          "Retry-After": retryAfter,
          "RateLimit-Policy": policyHeader,
          RateLimit: `"${RATE_LIMIT_POLICY_NAME}";r=0;t=${retryAfter}`,
        });
      }

      const hasBody = request.method === "POST" || request.method === "PUT" || request.method === "PATCH";
      const read = hasBody ? await readBodyText(request, bodyLimit) : ({ ok: true, text: "" } as const);
      if (!read.ok) return refuse(read.status, read.detail);

      const params = await routeContext.params;
      const response = await handler(request, { apiKey, db, now, params, url: new URL(request.url), body: read.text });
      response.headers.set("RateLimit-Policy", policyHeader);
      return response;
    } catch (error) {
      console.error("API request failed:", error instanceof Error ? error.message : "unknown error");
      return refuse(500, SERVER_ERROR_DETAIL);
    }
  };
}
