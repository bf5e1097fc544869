import type { Database } from "@/db/client";
import { rateLimitSettings } from "@/lib/config";
import { consumeRateLimit, peekRateLimit, refundRateLimit, type RateLimitDecision, type RateLimitRequest } from "./consume-rate-limit";
import { describeWait } from "./sliding-window";

const HOUR_SECONDS = 60 * 60;

/** A refused request: the sentence a person reads and, for a Retry-After header, the wait. */
export type LimitRefusal = { limited: true; message: string; retryAfterSeconds: number | null };

const tryAgain = (retryAfterSeconds: number | null) =>
  retryAfterSeconds === null ? "" : ` Try again in ${describeWait(retryAfterSeconds)}.`;

type Refused = Extract<RateLimitDecision, { allowed: false }>;
/** A limit and whose budget it is, as spent by a request and read by a peek. */
type Limit = Omit<RateLimitRequest, "now" | "cost">;

const signInLimits = (request: { email: string; ip: string }): { byEmail: Limit; byIp: Limit } => {
  const settings = rateLimitSettings();
  const windowSeconds = settings.RATE_LIMIT_SIGN_IN_WINDOW_SECONDS;
  return {
    byEmail: { bucket: "sign-in-email", key: request.email, limit: settings.RATE_LIMIT_SIGN_IN_PER_EMAIL, windowSeconds },
    byIp: { bucket: "sign-in-ip", key: request.ip, limit: settings.RATE_LIMIT_SIGN_IN_PER_IP, windowSeconds },
  };
};

const joinLimit = (ip: string): Limit => {
  const settings = rateLimitSettings();
  return { bucket: "join-ip", key: ip, limit: settings.RATE_LIMIT_JOIN_FAILURES_PER_IP, windowSeconds: settings.RATE_LIMIT_JOIN_WINDOW_SECONDS };
};

const invitationLimit = (adminUserId: string): Limit => ({
  bucket: "invitations-admin",
  key: adminUserId,
  limit: rateLimitSettings().RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR,
  windowSeconds: HOUR_SECONDS,
});

/**
 * Sign-in links: per address (someone flooding one inbox) and per client IP (one client cycling
 * through addresses). Counted for every address, admin or not, so the answer tells nobody who is an
 * admin. Returns null when the request may go ahead.
 */
export async function limitSignInRequest(
  db: Database,
  request: { email: string; ip: string; now: Date },
): Promise<LimitRefusal | null> {
  const { byEmail, byIp } = signInLimits(request);
  const email = await consumeRateLimit(db, { ...byEmail, now: request.now });
  if (!email.allowed) return signInRefusal(email);
  const ip = await consumeRateLimit(db, { ...byIp, now: request.now });
  if (ip.allowed) return null;
  // A refused request spends nothing: give the address its hit back.
  await refundRateLimit(db, { ...byEmail, windowStart: email.windowStart, cost: 1 });
  return signInRefusal(ip);
}

const signInRefusal = (decision: Refused): LimitRefusal => ({
  limited: true,
  message: `Too many sign-in requests.${tryAgain(decision.retryAfterSeconds)}`,
  retryAfterSeconds: decision.retryAfterSeconds,
});

/**
 * Join links: one attempt of a client IP is spent before the token is looked up (a page view or a
 * press of Join), and given back when the token named an invitation. What stays counted are misses,
 * so guessing tokens is slowed down while an invitee reopening a real link is never refused.
 */
export async function spendJoinAttempt(
  db: Database,
  request: { ip: string; now: Date },
): Promise<LimitRefusal | { limited: false; giveBack: () => Promise<void> }> {
  const limit = joinLimit(request.ip);
  const decision = await consumeRateLimit(db, { ...limit, now: request.now });
  if (!decision.allowed) return joinRefusal(decision);
  return { limited: false, giveBack: () => refundRateLimit(db, { ...limit, windowStart: decision.windowStart, cost: 1 }) };
}

const joinRefusal = (decision: Refused): LimitRefusal => ({
  limited: true,
  message: `Too many invitation links that do not work were tried from your network.${tryAgain(decision.retryAfterSeconds)}`,
  retryAfterSeconds: decision.retryAfterSeconds,
});

/**
 * Runs a look-up of a join link (opening the page, pressing Join) within the client's join limit:
 * the attempt is spent first and given back when the link named an invitation.
 */
export async function lookUpWithinJoinLimit<T>(
  db: Database,
  request: { ip: string; now: Date },
  lookUp: () => Promise<T>,
  namesInvitation: (result: T) => boolean,
): Promise<LimitRefusal | { limited: false; result: T }> {
  const attempt = await spendJoinAttempt(db, request);
  if (attempt.limited) return attempt;
  const result = await lookUp();
  if (namesInvitation(result)) await attempt.giveBack();
  return { limited: false, result };
}

/**
 * Invitation emails per admin over a rolling hour, counting every recipient (invites and resends).
 * The caller gives back what was not sent (a refused batch, people skipped by a resend).
 */
export async function spendInvitationQuota(
  db: Database,
  request: { adminUserId: string; recipients: number; now: Date },
): Promise<LimitRefusal | { limited: false; giveBack: (unsent: number) => Promise<void> }> {
  const limit = invitationLimit(request.adminUserId);
  const decision = await consumeRateLimit(db, { ...limit, now: request.now, cost: request.recipients });
  if (!decision.allowed) return invitationRefusal(decision, limit.limit);
  return {
    limited: false,
    giveBack: (unsent) => refundRateLimit(db, { ...limit, windowStart: decision.windowStart, cost: unsent }),
  };
}

function invitationRefusal(decision: Refused, perHour: number): LimitRefusal {
  const message =
    decision.retryAfterSeconds === null
      ? `You can send at most ${perHour} invitations an hour. Invite fewer people at once.`
      : `Too many invitations: you can send ${perHour} an hour. Nothing was sent.${tryAgain(decision.retryAfterSeconds)}`;
  return { limited: true, message, retryAfterSeconds: decision.retryAfterSeconds };
}

/*
 * Peeks: the refusal a request would get now, spending nothing. proxy.ts answers with them 429 to a
 * client that is already over a limit, before the page or action runs.
 */

/** The address's budget is read only when the request names one the proxy could read. */
export async function signInRefusalNow(
  db: Database,
  request: { email: string | null; ip: string; now: Date },
): Promise<LimitRefusal | null> {
  const { byEmail, byIp } = signInLimits({ email: request.email ?? "", ip: request.ip });
  if (request.email !== null) {
    const email = await peekRateLimit(db, { ...byEmail, now: request.now });
    if (!email.allowed) return signInRefusal(email);
  }
  const ip = await peekRateLimit(db, { ...byIp, now: request.now });
  return ip.allowed ? null : signInRefusal(ip);
}

export async function joinRefusalNow(db: Database, request: { ip: string; now: Date }): Promise<LimitRefusal | null> {
  const decision = await peekRateLimit(db, { ...joinLimit(request.ip), now: request.now });
  return decision.allowed ? null : joinRefusal(decision);
}

/**
 * Refused when the recipients do not fit in what is left of the hour. A submission larger than the
 * whole hourly limit is no matter of waiting: the action itself answers that one.
 */
export async function invitationRefusalNow(
  db: Database,
  request: { adminUserId: string; recipients: number; now: Date },
): Promise<LimitRefusal | null> {
  const limit = invitationLimit(request.adminUserId);
  const decision = await peekRateLimit(db, { ...limit, now: request.now, cost: request.recipients });
  return decision.allowed || decision.retryAfterSeconds === null ? null : invitationRefusal(decision, limit.limit);
}
