import { and, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { authVerificationTokens } from "@/db/schema";
import { emailAddressSchema } from "@/lib/validation/email-address";
import { z } from "@/lib/validation/zod";

/**
 * A sign-in link is scanner-safe, like a join link: the email opens a page of ours that only shows a
 * **Sign in** button (app/(auth)/sign-in/confirm), and only pressing it sends the browser to Auth.js's
 * callback, which spends the link. A mail scanner that opens the emailed URL spends nothing.
 */
export const SIGN_IN_CONFIRM_PATH = "/sign-in/confirm";

/** Auth.js's endpoint that uses an emailed link (GET, with the query it put in the link). */
export const SIGN_IN_CALLBACK_PATH = "/api/auth/callback/email";

/** The confirm page's URL for the callback URL Auth.js made: same origin, same query. */
export function signInConfirmUrl(callbackUrl: string): string {
  const callback = new URL(callbackUrl);
  return new URL(`${SIGN_IN_CONFIRM_PATH}${callback.search}`, callback.origin).toString();
}

/** Auth.js's token is randomString(32): 32 random bytes in lower-case hex. */
const SIGN_IN_TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/** Where Auth.js sends the browser after signing in: a path of ours, or an absolute URL on our origin. */
function isOnOrigin(target: string, origin: string): boolean {
  if (target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\")) return true;
  try {
    return new URL(target).origin === origin;
  } catch {
    return false;
  }
}

const singleValue = z.string().max(2048);

export type SignInLink = { token: string; email: string; callbackUrl: string };

/**
 * The confirm page's query, checked: exactly one token, address and callback URL each, as Auth.js
 * wrote them. Anything else (missing, repeated, malformed, another origin) is null: the page then
 * says the link has expired or was used, as it would for a spent one.
 */
export function parseSignInLink(query: Record<string, string | string[] | undefined>, appOrigin: string): SignInLink | null {
  const schema = z.object({
    token: singleValue.regex(SIGN_IN_TOKEN_PATTERN),
    email: singleValue.pipe(emailAddressSchema),
    callbackUrl: singleValue.refine((target) => isOnOrigin(target, appOrigin)),
  });
  const parsed = schema.safeParse({ token: query.token, email: query.email, callbackUrl: query.callbackUrl });
  return parsed.success ? parsed.data : null;
}

/**
 * Whether the address still holds an unused, unexpired sign-in link. Auth.js stores only a hash of
 * each token and deletes it when the link is used, so this asks about the address, not this very
 * link: a spent link of an address that has asked for another since still shows the button, and
 * pressing it lands on the sign-in page's "expired or already used" message.
 */
export async function hasUnusedSignInLink(db: Database, email: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ identifier: authVerificationTokens.identifier })
    .from(authVerificationTokens)
    .where(and(eq(authVerificationTokens.identifier, email), gt(authVerificationTokens.expires, now)))
    .limit(1);
  return Boolean(row);
}
