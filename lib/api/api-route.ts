import { getDb, type Database } from "@/db/client";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/api-keys/api-keys";
import { limitPolicy, spendLimit } from "@/lib/rate-limit/abuse-limits";
import { claimIdempotencyKey, isValidIdempotencyKey } from "./idempotency";
import { problem, unauthorizedProblem } from "./problem";
import { readBodyText } from "./request-body";

/** What a REST API handler is given: the key's organization is the only one it may read or change. */
export type ApiContext<Params> = {
  apiKey: ApiKeyPrincipal;
  db: Database;
  now: Date;
  url: URL;
  /** The body as UTF-8 text ("" for GET and DELETE), already read within the size limit. */
  body: string;
  params: Params;
};

type ApiHandler<Params> = (request: Request, context: ApiContext<Params>) => Promise<Response>;

const BEARER = /^Bearer +(\S+) *$/i;
const RATE_LIMIT_POLICY_NAME = "per-key";

/**
 * The one door for REST API route handlers, as adminAction is for server actions: authenticates the
 * Bearer key (401, the same answer whatever was wrong), spends the key's per-minute limit (429 with
 * Retry-After and RateLimit headers), reads the body within its size limit, runs a POST with an
 * Idempotency-Key at most once (lib/api/idempotency.ts), and answers an unexpected failure with a
 * problem that shows no internals. Handlers parse their input with zod and scope every query to
 * `apiKey.organizationId`. Nothing here logs the key.
 */
export function apiRoute<Params extends Record<string, string> = Record<string, never>>(handler: ApiHandler<Params>) {
  return async (request: Request, routeContext: { params: Promise<Params> }): Promise<Response> => {
    const now = new Date();
    const db = getDb();
    try {
      const secret = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
      const apiKey = secret ? await authenticateApiKey(db, secret, now) : null;
      if (!apiKey) return unauthorizedProblem();

      const policy = limitPolicy("apiRequestsPerKey");
      const policyHeader = `"${RATE_LIMIT_POLICY_NAME}";q=${policy.amount};w=${policy.windowSeconds}`;
      const spent = await spendLimit(db, "apiRequestsPerKey", { key: apiKey.id, now });
      if (spent.limited) {
        const retryAfter = String(spent.retryAfterSeconds ?? policy.windowSeconds);
        return problem(429, "rate-limited", spent.message, {
          headers: { "Retry-After": retryAfter, "RateLimit-Policy": policyHeader, RateLimit: `"${RATE_LIMIT_POLICY_NAME}";r=0;t=${retryAfter}` },
        });
      }

      const response = await answer(request, { apiKey, db, now, params: await routeContext.params, url: new URL(request.url) }, handler);
      response.headers.set("RateLimit-Policy", policyHeader);
      return response;
    } catch (error) {
      console.error("API request failed:", error instanceof Error ? error.message : "unknown error");
      return problem(500, "server-error", "Something went wrong on our side. Try again in a moment.");
    }
  };
}

async function answer<Params>(
  request: Request,
  context: Omit<ApiContext<Params>, "body">,
  handler: ApiHandler<Params>,
): Promise<Response> {
  const hasBody = request.method === "POST" || request.method === "PUT" || request.method === "PATCH";
  const read = hasBody ? await readBodyText(request) : ({ ok: true, text: "" } as const);
  if (!read.ok) return read.response;
  const full = { ...context, body: read.text };

  const idempotencyKey = request.method === "POST" ? request.headers.get("idempotency-key") : null;
  if (idempotencyKey === null) return handler(request, full);
  if (!isValidIdempotencyKey(idempotencyKey)) {
    return problem(400, "invalid-request", "An Idempotency-Key is 1 to 255 printable ASCII characters, such as a UUID.");
  }
  const claim = await claimIdempotencyKey(context.db, {
    apiKeyId: context.apiKey.id,
    idempotencyKey,
    method: request.method,
    path: context.url.pathname + context.url.search,
    body: read.text,
    now: context.now,
  });
  if (claim.kind === "answered") return claim.response;
  try {
    return await claim.complete(await handler(request, full));
  } catch (error) {
    await claim.abandon();
    throw error;
  }
}
