/**
 * The REST API's errors: RFC 9457 problem details (`application/problem+json`), always a 4xx for
 * what the caller sent. `type` names the kind of problem (a URN: nothing to fetch), `title` is the
 * same for every problem of that type, `detail` is the sentence about this one.
 */
export type ProblemFieldError = { row?: number; field: string; message: string };

export type ProblemType =
  | "unauthorized"
  | "not-found"
  | "invalid-request"
  | "validation"
  | "conflict"
  | "idempotency-in-progress"
  | "idempotency-mismatch"
  | "rate-limited"
  | "too-large"
  | "server-error";

const titles: Record<ProblemType, string> = {
  unauthorized: "Unauthorized",
  "not-found": "Not found",
  "invalid-request": "Invalid request",
  validation: "Invalid input",
  conflict: "Conflict",
  "idempotency-in-progress": "Request in progress",
  "idempotency-mismatch": "Idempotency key reused",
  "rate-limited": "Too many requests",
  "too-large": "Request too large",
  "server-error": "Server error",
};

export const problemTypeUri = (type: ProblemType) => `urn:roster:problem:${type}`;
export const problemTypes = Object.keys(titles) as ProblemType[];

export function problem(
  status: number,
  type: ProblemType,
  detail: string,
  extra: { errors?: ProblemFieldError[]; headers?: HeadersInit } = {},
): Response {
  const headers = new Headers(extra.headers);
  headers.set("Content-Type", "application/problem+json");
  headers.set("Cache-Control", "no-store");
  const body = { type: problemTypeUri(type), title: titles[type], status, detail, ...(extra.errors ? { errors: extra.errors } : {}) };
  return new Response(JSON.stringify(body), { status, headers });
}

export const notFoundProblem = (detail = "There is no such user in this organization.") => problem(404, "not-found", detail);

export const validationProblem = (errors: ProblemFieldError[], detail = "Some fields need your attention. Nothing was changed.") =>
  problem(422, "validation", detail, { errors });

/** A success: the result wrapped in `data`, as every success body of the API is. */
export const dataResponse = (data: unknown, status = 200, extra: Record<string, unknown> = {}) =>
  Response.json({ data, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
