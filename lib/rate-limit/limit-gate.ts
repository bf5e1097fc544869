import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { sessionCookieName, sessionUserId } from "@/lib/auth/session-user";
import { escapeHtml } from "@/lib/email/email-template";
import { serverActionName, type ServerActionName } from "@/lib/http/server-action-names";
import { emailAddressSchema } from "@/lib/validation/email-address";
import { invitationRefusalNow, joinRefusalNow, signInRefusalNow, type LimitRefusal } from "./abuse-limits";
import { configuredClientIp } from "./request-client-ip";

/**
 * A server action cannot answer 429 (Next.js lets it choose 401, 403 or 404 only), and a page
 * cannot either. So proxy.ts asks, before they run, whether the client is already over the limit
 * the request would spend, and answers 429 with Retry-After itself. The page or action still spends
 * and checks: it refuses (with the same sentence, in its own answer) what slips past this peek, such
 * as concurrent requests.
 */
export type GatedLimit = "join" | "sign-in" | "invitations";

const LIMITED_ACTIONS: Record<string, GatedLimit> = {
  "app/join/[token]/actions.ts#joinAction": "join",
  "app/(auth)/sign-in/actions.ts#requestSignInLink": "sign-in",
  "app/(console)/users/actions.ts#inviteUsersAction": "invitations",
  "app/(console)/users/actions.ts#resendInvitationsAction": "invitations",
};

/** The limit a request would spend, from what is known before it runs. */
export function limitSpentBy(request: { method: string; pathname: string; action: ServerActionName | null }): GatedLimit | null {
  if (request.action) return LIMITED_ACTIONS[`${request.action.file}#${request.action.exportedName}`] ?? null;
  const opensJoinPage = (request.method === "GET" || request.method === "HEAD") && /^\/join\/[^/]+\/?$/.test(request.pathname);
  return opensJoinPage ? "join" : null;
}

/** The 429 answer to a client over its limit, or null when the request may go on. */
export async function refuseClientOverLimit(request: NextRequest): Promise<Response | null> {
  const actionId = request.method === "POST" ? request.headers.get("next-action") : null;
  const action = actionId ? serverActionName(actionId) : null;
  const limit = limitSpentBy({ method: request.method, pathname: request.nextUrl.pathname, action });
  if (!limit) return null;
  try {
    const refusal = await refusalNow(request, limit);
    return refusal && tooManyRequests(refusal, action ? "action" : "page");
  } catch (error) {
    // The page or action meets the same database and answers for itself (a clean failure when it is down).
    console.error("Abuse limit check failed", error instanceof Error ? error.message : error);
    return null;
  }
}

async function refusalNow(request: NextRequest, limit: GatedLimit): Promise<LimitRefusal | null> {
  const db = getDb();
  const now = new Date();
  const ip = configuredClientIp(request.headers);
  if (limit === "join") return joinRefusalNow(db, { ip, now });
  if (limit === "sign-in") return signInRefusalNow(db, { email: await emailInActionBody(request), ip, now });
  const adminUserId = await sessionUserId(db, request.cookies.get(sessionCookieName())?.value, now);
  // No session: the action answers 401 itself.
  if (!adminUserId) return null;
  return invitationRefusalNow(db, { adminUserId, recipients: recipientsIn(await request.clone().text()), now });
}

/**
 * How many invitations an invite or resend call would send: the length of its argument's `rows` or
 * `memberIds` (React sends plain arguments as a JSON array), as the action counts them. 1 when the
 * body does not say: the action reads and refuses such a body itself.
 */
export function recipientsIn(actionBody: string): number {
  try {
    const [argument] = JSON.parse(actionBody) as [{ rows?: unknown; memberIds?: unknown }?];
    const recipients = argument?.rows ?? argument?.memberIds;
    return Array.isArray(recipients) && recipients.length > 0 ? recipients.length : 1;
  } catch {
    return 1;
  }
}

async function emailInActionBody(request: NextRequest): Promise<string | null> {
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  return form && signInEmailOf(form);
}

/**
 * The address a sign-in form submits. React sends a form's fields as multipart, each name prefixed
 * with its argument's reference ("_1_email"); a form posted without JavaScript keeps the plain name.
 * Null when there is none to read: then only the client's own budget is checked before the action.
 */
export function signInEmailOf(form: FormData): string | null {
  for (const [name, value] of form) {
    if (!/^(_[0-9a-f]+_)?email$/.test(name)) continue;
    const email = emailAddressSchema.safeParse(value);
    if (email.success) return email.data;
  }
  return null;
}

function tooManyRequests(refusal: LimitRefusal, answerTo: "action" | "page"): Response {
  const headers = new Headers({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
  if (refusal.retryAfterSeconds !== null) headers.set("Retry-After", String(refusal.retryAfterSeconds));
  if (answerTo === "action") {
    // Exactly "text/plain": Next's client then rejects the action's promise with this text as the
    // error message, which the page shows (lib/actions/failed-call.ts, the error.tsx of sign-in and join).
    headers.set("Content-Type", "text/plain");
    return new Response(refusal.message, { status: 429, headers });
  }
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  return new Response(tooManyRequestsPage(refusal.message), { status: 429, headers });
}

/** A page of its own: no script or stylesheet of the app is needed to read one sentence. */
function tooManyRequestsPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many attempts · Roster</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a}main{max-width:28rem;margin:1rem;padding:2rem;border:1px solid #e2e8f0;border-radius:.75rem;background:#fff}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:0;color:#475569;line-height:1.5}</style>
</head>
<body><main><h1>Too many attempts</h1><p>${escapeHtml(message)}</p></main></body>
</html>`;
}
