import { claimIdempotencyKey, isValidIdempotencyKey } from "./idempotency";
import { keyedRoute, type KeyedContext, type KeyedHandler, type Refuse } from "./keyed-route";
import { problem, type ProblemType } from "./problem";

/** What a REST API handler is given: the key's organization is the only one it may read or change. */
export type ApiContext<Params> = KeyedContext<Params>;

const problemTypeOfStatus: Record<Parameters<Refuse>[0], ProblemType> = {
  400: "invalid-request",
  401: "unauthorized",
  413: "too-large",
  429: "rate-limited",
  500: "server-error",
};

/** The REST API's refusals before a handler runs, as problem details. */
export const refuseWithProblem: Refuse = (status, detail, headers) => problem(status, problemTypeOfStatus[status], detail, { headers });

/**
 * The one door for REST API route handlers, as adminAction is for server actions: keyedRoute's
 * authentication, per-key rate limit, body limit and 500 (lib/api/keyed-route.ts) answered as
 * problem details, and a POST with an Idempotency-Key run at most once (lib/api/idempotency.ts).
 * Handlers parse their input with zod and scope every query to `apiKey.organizationId`.
 */
export function apiRoute<Params extends Record<string, string> = Record<string, never>>(handler: KeyedHandler<Params>) {
  return keyedRoute<Params>({ refuse: refuseWithProblem }, (request, context) => answerOnce(request, context, handler));
}

async function answerOnce<Params>(request: Request, context: ApiContext<Params>, handler: KeyedHandler<Params>): Promise<Response> {
  const idempotencyKey = request.method === "POST" ? request.headers.get("idempotency-key") : null;
  if (idempotencyKey === null) return handler(request, context);
  if (!isValidIdempotencyKey(idempotencyKey)) {
    return problem(400, "invalid-request", "An Idempotency-Key is 1 to 255 printable ASCII characters, such as a UUID.");
  }
  const claim = await claimIdempotencyKey(context.db, {
    apiKeyId: context.apiKey.id,
    idempotencyKey,
    method: request.method,
    path: context.url.pathname + context.url.search,
    body: context.body,
    now: context.now,
  });
  if (claim.kind === "answered") return claim.response;
  try {
    return await claim.complete(await handler(request, context));
  } catch (error) {
    await claim.abandon();
    throw error;
  }
}
