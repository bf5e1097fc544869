import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiIdempotencyKeys } from "@/db/schema";
import { problem } from "./problem";

/** How long an Idempotency-Key is remembered: the same key and body within it get the first answer again. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Printable ASCII, as Stripe and the IETF draft's examples use (a UUID fits). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Rows older than the window removed by each claim: bounds the table without a cron job. */
const PRUNE_BATCH = 100;

export type IdempotentRequest = { apiKeyId: string; idempotencyKey: string; method: string; path: string; body: string; now: Date };

export type IdempotencyClaim =
  /** This request is the first with its key: act, then `complete` with the answer (or `abandon` to let a retry act). */
  | { kind: "first"; complete: (response: Response) => Promise<Response>; abandon: () => Promise<void> }
  /** Answered without acting: the stored first answer, or a refusal. */
  | { kind: "answered"; response: Response };

export const requestHashOf = (request: Pick<IdempotentRequest, "method" | "path" | "body">) =>
  createHash("sha256").update(`${request.method}\n${request.path}\n${request.body}`, "utf8").digest("hex");

export const isValidIdempotencyKey = (key: string) => KEY_PATTERN.test(key);

/**
 * Claims an Idempotency-Key before the request acts. The claim is its own statement (committed at
 * once), so a concurrent duplicate finds the row and is answered 409 while the first is in progress:
 * two requests with one key never both act, on any number of instances. Answers that a retry should
 * be allowed to change (429, 5xx) are not kept: `complete` forgets the key for them.
 */
export async function claimIdempotencyKey(db: Database, request: IdempotentRequest): Promise<IdempotencyClaim> {
  const requestHash = requestHashOf(request);
  const cutoff = new Date(request.now.getTime() - IDEMPOTENCY_WINDOW_MS);
  const thisKey = and(eq(apiIdempotencyKeys.apiKeyId, request.apiKeyId), eq(apiIdempotencyKeys.idempotencyKey, request.idempotencyKey))!;
  await pruneExpired(db, cutoff);
  // A key older than the window is free again.
  await db.delete(apiIdempotencyKeys).where(and(thisKey, lt(apiIdempotencyKeys.createdAt, cutoff)));
  const claimed = await db
    .insert(apiIdempotencyKeys)
    .values({ apiKeyId: request.apiKeyId, idempotencyKey: request.idempotencyKey, requestHash, createdAt: request.now })
    .onConflictDoNothing()
    .returning({ apiKeyId: apiIdempotencyKeys.apiKeyId });
  if (claimed.length > 0) {
    const forget = async () => {
      await db.delete(apiIdempotencyKeys).where(thisKey);
    };
    return {
      kind: "first",
      abandon: forget,
      complete: async (response) => {
        if (response.status === 429 || response.status >= 500) {
          await forget();
          return response;
        }
        const body = await response.text();
        await db.update(apiIdempotencyKeys).set({ responseStatus: response.status, responseBody: body }).where(thisKey);
        return new Response(response.status === 204 ? null : body, { status: response.status, headers: response.headers });
      },
    };
  }

  const [stored] = await db.select().from(apiIdempotencyKeys).where(thisKey);
  if (!stored) {
    // Forgotten between our insert and our read (the first answer was a 429 or 5xx): the caller may retry.
    return { kind: "answered", response: inProgress() };
  }
  if (stored.requestHash !== requestHash) {
    return {
      kind: "answered",
      response: problem(
        422,
        "idempotency-mismatch",
        "This Idempotency-Key was already used with another request. Use a new key for a new request.",
      ),
    };
  }
  if (stored.responseStatus === null) return { kind: "answered", response: inProgress() };
  const headers = new Headers({ "Idempotent-Replayed": "true", "Cache-Control": "no-store" });
  if (stored.responseStatus !== 204) {
    headers.set("Content-Type", stored.responseStatus >= 400 ? "application/problem+json" : "application/json");
  }
  return {
    kind: "answered",
    response: new Response(stored.responseStatus === 204 ? null : stored.responseBody, { status: stored.responseStatus, headers }),
  };
}

const inProgress = () =>
  problem(409, "idempotency-in-progress", "A request with this Idempotency-Key is still in progress. Try again in a moment.", {
    headers: { "Retry-After": "1" },
  });

async function pruneExpired(db: Database, cutoff: Date): Promise<void> {
  await db.execute(sql`
    delete from ${apiIdempotencyKeys} where ctid in (
      select ctid from ${apiIdempotencyKeys} where ${apiIdempotencyKeys.createdAt} < ${cutoff.toISOString()}::timestamptz
      limit ${PRUNE_BATCH})`);
}
