import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { getDb } from "@/db/client";
import { spendSignInRequest, tooManyRequests } from "@/lib/rate-limit/abuse-limits";
import { configuredClientIp } from "@/lib/rate-limit/client-ip";
import { emailAddressSchema } from "@/lib/validation/email-address";

export const { GET } = handlers;

/**
 * Auth.js also takes sign-in link requests here, without the sign-in page: the same limits, answered
 * 429 with Retry-After (lib/rate-limit/abuse-limits.ts).
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (!request.nextUrl.pathname.endsWith("/signin/email")) return handlers.POST(request);
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const email = emailAddressSchema.safeParse(form?.get("email"));
  // Auth.js answers bad input itself; only a request that could send an email is counted.
  if (!email.success) return handlers.POST(request);
  const refusal = await spendSignInRequest(getDb(), { email: email.data, ip: configuredClientIp(request.headers), now: new Date() });
  return refusal ? tooManyRequests(refusal, "json") : handlers.POST(request);
}
