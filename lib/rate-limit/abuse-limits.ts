import type { Database } from "@/db/client";
import { rateLimitSettings, type RateLimitSettings } from "@/lib/config";
import { escapeHtml } from "@/lib/email/email-template";
import { failure, type Result } from "@/lib/result";
import { consumeRateLimit, peekRateLimit, refundRateLimit } from "./consume-rate-limit";
import { describeWait } from "./sliding-window";

/**
 * Roster's abuse limits, each defined once below: its counter, its amount and window (the
 * RATE_LIMIT_* settings) and the sentence a refused person reads.
 *
 * Counting: sliding-window counters in PostgreSQL (consume-rate-limit.ts), shared by every instance.
 * `spendLimit` takes its hits in one conditional upsert, so exactly the limit is granted under any
 * concurrency, and a refused request spends nothing; `giveBack` returns hits spent but not used;
 * `peekLimit` reads what a spend would answer, spending nothing.
 *
 * Answering: whatever spends a limit (the sign-in action, Auth.js's route, the Join action, the
 * invite and resend actions) spends it before it acts and, over it, refuses with the sentence and
 * does nothing; the join page counts only the links that named nothing, after reading them. The answer is a 429 with Retry-After only where Next.js lets the app
 * choose its status: Auth.js's route, and the opening of a join link, which proxy.ts peeks before the
 * page renders. A server action answers 200 with the sentence in its result or state, which its form
 * shows (Next.js lets an action choose only 401, 403 or 404); so does a join page whose own spend is
 * refused after the proxy's peek let it through (concurrent requests).
 */

type LimitDefinition = {
  /** The counter's name; its key says whose budget it is (an address, a client IP, an admin). */
  bucket: string;
  amount: (settings: RateLimitSettings) => number;
  windowSeconds: (settings: RateLimitSettings) => number;
  /** What a refused person reads: `wait` is null when the request can never fit (more than `amount`). */
  sentence: (wait: string | null, amount: number) => string;
};

const tryAgain = (wait: string | null) => (wait === null ? "" : ` Try again in ${wait}.`);
const signInSentence = (wait: string | null) => `Too many sign-in requests.${tryAgain(wait)}`;

const LIMITS = {
  /** Sign-in links to one address (someone flooding an inbox), counted whether or not it may sign in. */
  signInPerEmail: {
    bucket: "sign-in-email",
    amount: (settings) => settings.RATE_LIMIT_SIGN_IN_PER_EMAIL,
    windowSeconds: (settings) => settings.RATE_LIMIT_SIGN_IN_WINDOW_SECONDS,
    sentence: signInSentence,
  },
  /** Sign-in links asked for by one client (one client cycling through addresses). */
  signInPerIp: {
    bucket: "sign-in-ip",
    amount: (settings) => settings.RATE_LIMIT_SIGN_IN_PER_IP,
    windowSeconds: (settings) => settings.RATE_LIMIT_SIGN_IN_WINDOW_SECONDS,
    sentence: signInSentence,
  },
  /** Join links looked up by one client that named no invitation (guessing tokens). */
  joinFailuresPerIp: {
    bucket: "join-ip",
    amount: (settings) => settings.RATE_LIMIT_JOIN_FAILURES_PER_IP,
    windowSeconds: (settings) => settings.RATE_LIMIT_JOIN_WINDOW_SECONDS,
    sentence: (wait) => `Too many invitation links that do not work were tried from your network.${tryAgain(wait)}`,
  },
  /** Invitation emails per admin over a rolling hour: every recipient of an invite or a resend. */
  invitationsPerAdminPerHour: {
    bucket: "invitations-admin",
    amount: (settings) => settings.RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR,
    windowSeconds: () => 60 * 60,
    sentence: (wait, amount) =>
      wait === null
        ? `You can send at most ${amount} invitations an hour. Invite fewer people at once.`
        : `Too many invitations: you can send ${amount} an hour. Nothing was sent.${tryAgain(wait)}`,
  },
  /** Requests of one REST API key over a rolling minute (lib/api/api-route.ts). */
  apiRequestsPerKey: {
    bucket: "api-key",
    amount: (settings) => settings.RATE_LIMIT_API_REQUESTS_PER_KEY_PER_MINUTE,
    windowSeconds: () => 60,
    sentence: (wait, amount) => `This API key may make ${amount} requests a minute.${tryAgain(wait)}`,
  },
} satisfies Record<string, LimitDefinition>;

/** A limit's amount and window as configured now: the REST API states them in RateLimit-Policy. */
export function limitPolicy(limit: AbuseLimit): { amount: number; windowSeconds: number } {
  const definition: LimitDefinition = LIMITS[limit];
  const settings = rateLimitSettings();
  return { amount: definition.amount(settings), windowSeconds: definition.windowSeconds(settings) };
}

export type AbuseLimit = keyof typeof LIMITS;

/** A refused request: the sentence a person reads and, for Retry-After, the wait (null: never fits). */
export type LimitRefusal = { limited: true; message: string; retryAfterSeconds: number | null };
/** Spent: `giveBack` returns hits that were not used (all of them by default). */
export type LimitSpent = { limited: false; giveBack: (hits?: number) => Promise<void> };
/** Whose budget (`key`), when, and how many hits (1 by default; invitations count recipients). */
export type LimitUse = { key: string; now: Date; cost?: number };

function counterOf(limit: AbuseLimit, key: string) {
  const definition: LimitDefinition = LIMITS[limit];
  const settings = rateLimitSettings();
  return { bucket: definition.bucket, key, limit: definition.amount(settings), windowSeconds: definition.windowSeconds(settings) };
}

function refusalOf(limit: AbuseLimit, amount: number, retryAfterSeconds: number | null): LimitRefusal {
  const wait = retryAfterSeconds === null ? null : describeWait(retryAfterSeconds);
  return { limited: true, message: LIMITS[limit].sentence(wait, amount), retryAfterSeconds };
}

export async function spendLimit(db: Database, limit: AbuseLimit, use: LimitUse): Promise<LimitRefusal | LimitSpent> {
  const counter = counterOf(limit, use.key);
  const cost = use.cost ?? 1;
  const decision = await consumeRateLimit(db, { ...counter, now: use.now, cost });
  if (!decision.allowed) return refusalOf(limit, counter.limit, decision.retryAfterSeconds);
  return {
    limited: false,
    giveBack: (hits = cost) => refundRateLimit(db, { bucket: counter.bucket, key: use.key, windowStart: decision.windowStart, cost: hits }),
  };
}

export async function peekLimit(db: Database, limit: AbuseLimit, use: LimitUse): Promise<LimitRefusal | null> {
  const counter = counterOf(limit, use.key);
  const decision = await peekRateLimit(db, { ...counter, now: use.now, cost: use.cost ?? 1 });
  return decision.allowed ? null : refusalOf(limit, counter.limit, decision.retryAfterSeconds);
}

/**
 * A sign-in link request (the sign-in action, Auth.js's route): the address's limit, then the
 * client's. When the client's refuses, the address gets its hit back: a refused request spends nothing.
 */
export async function spendSignInRequest(db: Database, request: { email: string; ip: string; now: Date }): Promise<LimitRefusal | null> {
  const byEmail = await spendLimit(db, "signInPerEmail", { key: request.email, now: request.now });
  if (byEmail.limited) return byEmail;
  const byIp = await spendLimit(db, "signInPerIp", { key: request.ip, now: request.now });
  if (!byIp.limited) return null;
  await byEmail.giveBack();
  return byIp;
}

/**
 * Opening a join page: the link is read first, and only a link that names no invitation (a guess) is
 * counted; reading a real one costs that one lookup and writes nothing (invitees reopen their links,
 * mail scanners open them too). A client already over the limit was answered 429 by proxy.ts's peek
 * before the page read anything; guesses in flight together can pass that peek together, so a burst
 * may overshoot by its own size, where pressing Join (below) cannot.
 */
export async function openWithinJoinLimit<T>(
  db: Database,
  request: { ip: string; now: Date },
  lookUp: () => Promise<T>,
  namesInvitation: (result: T) => boolean,
): Promise<LimitRefusal | { limited: false; result: T }> {
  const result = await lookUp();
  if (namesInvitation(result)) return { limited: false, result };
  const miss = await spendLimit(db, "joinFailuresPerIp", { key: request.ip, now: request.now });
  return miss.limited ? miss : { limited: false, result };
}

/**
 * Pressing Join: the attempt is spent first and given back when the link named an invitation, so
 * exactly the limit's worth of misses is looked up under any concurrency, and an invitee joining
 * with a real link is never refused while under it.
 */
export async function lookUpWithinJoinLimit<T>(
  db: Database,
  request: { ip: string; now: Date },
  lookUp: () => Promise<T>,
  namesInvitation: (result: T) => boolean,
): Promise<LimitRefusal | { limited: false; result: T }> {
  const attempt = await spendLimit(db, "joinFailuresPerIp", { key: request.ip, now: request.now });
  if (attempt.limited) return attempt;
  const result = await lookUp();
  if (namesInvitation(result)) await attempt.giveBack();
  return { limited: false, result };
}

/** An invite or resend refused by the hourly limit: the sentence, and the wait for a Retry-After (null: never fits). */
export type InvitationLimitRefusal = { ok: false; message: string; retryAfterSeconds: number | null };

/** The budget an API key's invitations spend: one of its own, as an admin has (sendWithinInvitationLimit's key). */
export const apiKeyInvitationBudget = (apiKeyId: string) => `api-key:${apiKeyId}`;

/**
 * An invite or resend: its recipients are spent first, then `send` runs, and what it did not send is
 * given back, also when it fails or throws. Over the limit nothing is sent: the result is the sentence.
 */
export async function sendWithinInvitationLimit<T>(
  db: Database,
  request: { adminUserId: string; recipients: number; now: Date },
  send: () => Promise<{ result: Result<T>; sent: number }>,
): Promise<Result<T> | InvitationLimitRefusal> {
  const quota = await spendLimit(db, "invitationsPerAdminPerHour", { key: request.adminUserId, now: request.now, cost: request.recipients });
  if (quota.limited) return { ...failure(quota.message), retryAfterSeconds: quota.retryAfterSeconds };
  let sent = 0;
  try {
    const outcome = await send();
    sent = outcome.sent;
    return outcome.result;
  } finally {
    await quota.giveBack(request.recipients - sent);
  }
}

/**
 * The 429 a refusal gets where the app may answer one: JSON for Auth.js's route, a page of its own for
 * a join link refused by proxy.ts (no script or stylesheet of the app is needed to read one sentence).
 */
export function tooManyRequests(refusal: LimitRefusal, as: "json" | "html"): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (refusal.retryAfterSeconds !== null) headers.set("Retry-After", String(refusal.retryAfterSeconds));
  if (as === "json") return Response.json({ error: refusal.message }, { status: 429, headers });
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  // A join link's URL is a credential: the join page's own policy (next.config.mjs says why).
  headers.set("Referrer-Policy", "same-origin");
  return new Response(tooManyAttemptsPage(refusal.message), { status: 429, headers });
}

const tooManyAttemptsPage = (message: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many attempts · Roster</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a}main{max-width:28rem;margin:1rem;padding:2rem;border:1px solid #e2e8f0;border-radius:.75rem;background:#fff}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:0;color:#475569;line-height:1.5}</style>
</head>
<body><main><h1>Too many attempts</h1><p>${escapeHtml(message)}</p></main></body>
</html>`;
