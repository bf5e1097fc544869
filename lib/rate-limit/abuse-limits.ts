import type { Database } from "@/db/client";
import { rateLimitSettings } from "@/lib/config";
import { consumeRateLimit, refundRateLimit, type RateLimitDecision } from "./consume-rate-limit";
import { describeWait } from "./sliding-window";

const HOUR_SECONDS = 60 * 60;

/** A refused request: the sentence a person reads and, for a Retry-After header, the wait. */
export type LimitRefusal = { limited: true; message: string; retryAfterSeconds: number | null };

const tryAgain = (retryAfterSeconds: number | null) =>
  retryAfterSeconds === null ? "" : ` Try again in ${describeWait(retryAfterSeconds)}.`;

/**
 * Sign-in links: per address (someone flooding one inbox) and per client IP (one client cycling
 * through addresses). Counted for every address, admin or not, so the answer tells nobody who is an
 * admin. Returns null when the request may go ahead.
 */
export async function limitSignInRequest(
  db: Database,
  request: { email: string; ip: string; now: Date },
): Promise<LimitRefusal | null> {
  const settings = rateLimitSettings();
  const windowSeconds = settings.RATE_LIMIT_SIGN_IN_WINDOW_SECONDS;
  const byEmail = { bucket: "sign-in-email", key: request.email, limit: settings.RATE_LIMIT_SIGN_IN_PER_EMAIL };
  const email = await consumeRateLimit(db, { ...byEmail, windowSeconds, now: request.now });
  if (!email.allowed) return signInRefusal(email);
  const ip = await consumeRateLimit(db, {
    bucket: "sign-in-ip",
    key: request.ip,
    limit: settings.RATE_LIMIT_SIGN_IN_PER_IP,
    windowSeconds,
    now: request.now,
  });
  if (ip.allowed) return null;
  // A refused request spends nothing: give the address its hit back.
  await refundRateLimit(db, { ...byEmail, windowStart: email.windowStart, cost: 1 });
  return signInRefusal(ip);
}

const signInRefusal = (decision: Extract<RateLimitDecision, { allowed: false }>): LimitRefusal => ({
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
  const settings = rateLimitSettings();
  const limit = { bucket: "join-ip", key: request.ip };
  const decision = await consumeRateLimit(db, {
    ...limit,
    limit: settings.RATE_LIMIT_JOIN_FAILURES_PER_IP,
    windowSeconds: settings.RATE_LIMIT_JOIN_WINDOW_SECONDS,
    now: request.now,
  });
  if (!decision.allowed) {
    return {
      limited: true,
      message: `Too many invitation links that do not work were tried from your network.${tryAgain(decision.retryAfterSeconds)}`,
      retryAfterSeconds: decision.retryAfterSeconds,
    };
  }
  return { limited: false, giveBack: () => refundRateLimit(db, { ...limit, windowStart: decision.windowStart, cost: 1 }) };
}

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
  const perHour = rateLimitSettings().RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR;
  const limit = { bucket: "invitations-admin", key: request.adminUserId };
  const decision = await consumeRateLimit(db, {
    ...limit,
    limit: perHour,
    windowSeconds: HOUR_SECONDS,
    now: request.now,
    cost: request.recipients,
  });
  if (!decision.allowed) {
    const message =
      decision.retryAfterSeconds === null
        ? `You can send at most ${perHour} invitations an hour. Invite fewer people at once.`
        : `Too many invitations: you can send ${perHour} an hour. Nothing was sent.${tryAgain(decision.retryAfterSeconds)}`;
    return { limited: true, message, retryAfterSeconds: decision.retryAfterSeconds };
  }
  return {
    limited: false,
    giveBack: (unsent) => refundRateLimit(db, { ...limit, windowStart: decision.windowStart, cost: unsent }),
  };
}
