import { NextResponse, type NextRequest } from "next/server";
import { appUsesHttps } from "@/lib/config";
import { refusalResponse, refuseUndecodableAction, refuseUndecodablePath } from "@/lib/http/malformed-request";

/**
 * Security headers decided per request: a Content-Security-Policy whose script nonce is new every
 * time, and HSTS when the public URL is https. Static headers (X-Frame-Options, nosniff, the join
 * page's Referrer-Policy) live in next.config.mjs.
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
  // Next.js answers these with a bare 500 after the proxy; a clear 4xx says whose mistake it is.
  const refusal = refuseUndecodablePath(pathname) ?? (await refuseUndecodableAction(request, pathname));
  if (refusal) {
    const response = refusalResponse(refusal);
    response.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
    return response;
  }
  if (pathname.startsWith("/api/")) {
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

export const config = {
  // Built assets carry no document and are the same for everyone.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
