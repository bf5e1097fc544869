import { desc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emails } from "@/db/schema";
import { createTestDatabase } from "@/test/support/test-database";
import { ensureDefaultOrganization } from "@/lib/organizations/invitation-setup";

// Delivery is not under test: the sign-in email stays in the outbox, where the test reads it.
vi.mock("@/lib/email/delivery-loop", () => ({ wakeDeliveryWorkers: () => {} }));

/**
 * In production the app sits behind a TLS-terminating proxy: requests reach it over plain http
 * while the public APP_URL is https. The session cookie must still be Secure, __Secure- prefixed,
 * httpOnly and SameSite=Lax.
 */
const PUBLIC_URL = "https://roster.example.com";
const INTERNAL_ORIGIN = "http://10.0.0.5:3000";
const ADMIN = "admin@example.com";

let handle: DatabaseHandle;
let handlers: typeof import("@/auth").handlers;

beforeAll(async () => {
  vi.stubEnv("APP_URL", PUBLIC_URL);
  vi.stubEnv("AUTH_SECRET", "integration-test-secret-0123456789abcdef");
  vi.stubEnv("ADMIN_EMAILS", ADMIN);
  handle = await createTestDatabase();
  // auth.ts reads the application's database through getDb(): point it at this test's.
  (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase = handle;
  await ensureDefaultOrganization(handle.db);
  ({ handlers } = await import("@/auth"));
});

afterAll(async () => {
  delete (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase;
  vi.unstubAllEnvs();
  await handle?.close();
});

const cookiePairs = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");

it("with an https APP_URL, the session cookie is __Secure-, Secure, httpOnly and SameSite=Lax", async () => {
  const csrf = await handlers.GET(new NextRequest(`${INTERNAL_ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };

  const signIn = await handlers.POST(
    new NextRequest(`${INTERNAL_ORIGIN}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf) },
      body: new URLSearchParams({ email: ADMIN, csrfToken, callbackUrl: `${PUBLIC_URL}/users` }),
    }),
  );
  expect(signIn.status).toBe(302);

  const [email] = await handle.db.select({ text: emails.text }).from(emails).where(eq(emails.toAddress, ADMIN)).orderBy(desc(emails.createdAt)).limit(1);
  const link = email?.text?.match(/https:\/\/\S+\/api\/auth\/callback\/email\S+/)?.[0];
  expect(link, "the sign-in link uses the public https URL").toMatch(new RegExp(`^${PUBLIC_URL}/`));

  const callback = await handlers.GET(new NextRequest(link!.replace(PUBLIC_URL, INTERNAL_ORIGIN)));
  expect(callback.status).toBe(302);
  const session = callback.headers.getSetCookie().find((cookie) => cookie.includes("authjs.session-token="));
  expect(session).toMatch(/^__Secure-authjs\.session-token=/);
  const attributes = session!.split(";").slice(1).map((attribute) => attribute.trim().toLowerCase());
  expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
});
