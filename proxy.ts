import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { appUsesHttps } from "@/lib/config";
import { refusalResponse, refuseOversizedAction, refuseUndecodablePath } from "@/lib/http/malformed-request";
import { peekLimit, tooManyRequests } from "@/lib/rate-limit/abuse-limits";
import { configuredClientIp } from "@/lib/rate-limit/client-ip";

/**
 * Decided per request, before pages and actions run: a 400 or 413 for a malformed path or an
 * oversized action body (lib/http/malformed-request.ts), a 429 for a client over its join limit
 * opening a join link (lib/rate-limit/abuse-limits.ts), a Content-Security-Policy whose script
 * nonce is new every time, and HSTS when the public URL is https. Static headers (X-Frame-Options,
 * nosniff, the Referrer-Policy of join and sign-in links) live in next.config.mjs.
 */

/** Two years: long enough for the browser to keep refusing plain http between visits. */
const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/**
 * Pages: scripts run only with this request's nonce; 'strict-dynamic' lets Next's own runtime load
 * its chunks. Styles allow inline because Radix, sonner and email previews set style attributes,
 * which nonces cannot cover. Emails are shown in sandboxed srcdoc iframes, which inherit this policy.
 */
export function pageContentSecurityPolicy(nonce: string, { development, https }: { development: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React uses eval in development only, for its debugging stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Route handlers and refused requests answer JSON, plain text or redirects: nothing in them may load or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export async function proxy(request: NextRequest) {
  const https = appUsesHttps();
  const { pathname } = request.nextUrl;
  const refused = await refuseBeforeItRuns(request, pathname);
  if (refused) {
    if (https) refused.headers.set("Strict-Transport-Security", HSTS_VALUE);
    return refused;
  }
  if (pathname.startsWith("/api/") || pathname.startsWith("/scim/")) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
    return response;
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development", https });
  // Next reads the nonce from the request's policy and stamps it on every script it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

/** Requests answered here, before any page or action. */
async function refuseBeforeItRuns(request: NextRequest, pathname: string): Promise<Response | null> {
  const malformed = refuseUndecodablePath(pathname) ?? (await refuseOversizedAction(request, pathname));
  if (!malformed) return refuseJoinPageOverLimit(request, pathname);
  const response = refusalResponse(malformed);
  response.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  return response;
}

/**
 * Opening a join link spends the client's join limit; one already over it is answered 429 with
 * Retry-After here, where the app may still choose the status, by a peek that spends nothing.
 */
async function refuseJoinPageOverLimit(request: NextRequest, pathname: string): Promise<Response | null> {
  const opensJoinPage = (request.method === "GET" || request.method === "HEAD") && /^\/join\/[^/]+\/?$/.test(pathname);
  if (!opensJoinPage) return null;
  try {
    const refusal = await peekLimit(getDb(), "joinFailuresPerIp", { key: configuredClientIp(request.headers), now: new Date() });
    return refusal && tooManyRequests(refusal, "html");
  } catch (error) {
    // The page meets the same database and answers for itself (a clean failure when it is down).
    console.error("Join limit check failed", error instanceof Error ? error.message : error);
    return null;
  }
}

export const config = {
  // Built assets carry no document and are the same for everyone.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
