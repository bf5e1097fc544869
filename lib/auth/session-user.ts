import { and, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { authSessions } from "@/db/schema";
import { appUsesHttps } from "@/lib/config";

/** Auth.js's name for the session cookie: `__Secure-` prefixed when it is Secure (see auth.ts). */
export const sessionCookieName = () => `${appUsesHttps() ? "__Secure-" : ""}authjs.session-token`;

/**
 * The user a session cookie belongs to, read straight from the sessions table: for proxy.ts, which
 * runs before Auth.js does. Pages and actions use `auth()` (lib/auth/admin-context.ts) instead.
 */
export async function sessionUserId(db: Database, sessionToken: string | undefined, now: Date): Promise<string | null> {
  if (!sessionToken) return null;
  const [session] = await db
    .select({ userId: authSessions.userId })
    .from(authSessions)
    .where(and(eq(authSessions.sessionToken, sessionToken), gt(authSessions.expires, now)));
  return session?.userId ?? null;
}
