import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { emailAddressSchema } from "@/lib/validation/email-address";
import { limitSignInRequest } from "./abuse-limits";
import { configuredClientIp } from "./request-client-ip";

type RouteHandler = (request: NextRequest) => Promise<Response>;

/**
 * Auth.js also takes sign-in link requests straight at POST /api/auth/signin/email, without the
 * sign-in page's server action: the same limits apply there, answered 429 with Retry-After.
 */
export function withSignInLimits(post: RouteHandler): RouteHandler {
  return async (request) => {
    if (!new URL(request.url).pathname.endsWith("/signin/email")) return post(request);
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = emailAddressSchema.safeParse(form?.get("email"));
    // Auth.js answers bad input itself; only a request that could send an email is counted.
    if (!email.success) return post(request);
    const refusal = await limitSignInRequest(getDb(), {
      email: email.data,
      ip: configuredClientIp(request.headers),
      now: new Date(),
    });
    if (!refusal) return post(request);
    return Response.json(
      { error: refusal.message },
      { status: 429, headers: refusal.retryAfterSeconds ? { "Retry-After": String(refusal.retryAfterSeconds) } : {} },
    );
  };
}
