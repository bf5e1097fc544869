import { desc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emails } from "@/db/schema";
import { ensureDefaultOrganization } from "@/lib/organizations/invitation-setup";
import { createTestDatabase } from "./test-database";

/**
 * Auth.js's route handlers (auth.ts) on a fresh database, with APP_URL and ADMIN_EMAILS as given.
 * The test file mocks "@/lib/email/delivery-loop": the sign-in email stays in the outbox, where
 * emailedSignInLink reads it.
 */
export type AuthUnderTest = { handle: DatabaseHandle; handlers: typeof import("@/auth").handlers; close(): Promise<void> };

export async function openAuthUnderTest({ appUrl, admins }: { appUrl: string; admins: string[] }): Promise<AuthUnderTest> {
  vi.stubEnv("APP_URL", appUrl);
  vi.stubEnv("AUTH_SECRET", "integration-test-secret-0123456789abcdef");
  vi.stubEnv("ADMIN_EMAILS", admins.join(","));
  const handle = await createTestDatabase();
  // auth.ts reads the application's database through getDb(): point it at this test's.
  (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase = handle;
  await ensureDefaultOrganization(handle.db);
  const { handlers } = await import("@/auth");
  return {
    handle,
    handlers,
    async close() {
      delete (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase;
      vi.unstubAllEnvs();
      await handle.close();
    },
  };
}

/** A response's cookies as the browser would send them back. */
export const cookiePairs = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");

/**
 * Asks for a sign-in link as the browser does (CSRF token, then the email form of Auth.js's route,
 * reached at `origin`) and returns the link in the newest sign-in email's text.
 */
export async function emailedSignInLink(auth: AuthUnderTest, { origin, email, callbackUrl }: { origin: string; email: string; callbackUrl: string }): Promise<string> {
  const csrf = await auth.handlers.GET(new NextRequest(`${origin}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await auth.handlers.POST(
    new NextRequest(`${origin}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf) },
      body: new URLSearchParams({ email, csrfToken, callbackUrl }),
    }),
  );
  if (signIn.status !== 302) throw new Error(`Asking for a sign-in link answered ${signIn.status}`);
  const [sent] = await auth.handle.db
    .select({ text: emails.text })
    .from(emails)
    .where(eq(emails.toAddress, email))
    .orderBy(desc(emails.createdAt))
    .limit(1);
  const link = sent?.text?.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`No sign-in link was emailed to ${email}`);
  return link;
}
