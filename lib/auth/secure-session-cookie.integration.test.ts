import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { parseSignInLink, SIGN_IN_CALLBACK_PATH } from "@/lib/auth/sign-in-link";
import { emailedSignInLink, openAuthUnderTest, type AuthUnderTest } from "@/test/support/auth-handlers";

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

let auth: AuthUnderTest;

beforeAll(async () => {
  auth = await openAuthUnderTest({ appUrl: PUBLIC_URL, admins: [ADMIN] });
});

afterAll(async () => {
  await auth?.close();
});

it("with an https APP_URL, the session cookie is __Secure-, Secure, httpOnly and SameSite=Lax", async () => {
  const link = await emailedSignInLink(auth, { origin: INTERNAL_ORIGIN, email: ADMIN, callbackUrl: `${PUBLIC_URL}/users` });
  expect(link, "the sign-in link uses the public https URL").toMatch(new RegExp(`^${PUBLIC_URL}/`));

  // What pressing Sign in on the link's page sends.
  const { callbackUrl, token, email } = parseSignInLink(Object.fromEntries(new URL(link).searchParams), PUBLIC_URL)!;
  const query = new URLSearchParams({ callbackUrl, token, email });
  const callback = await auth.handlers.GET(new NextRequest(`${INTERNAL_ORIGIN}${SIGN_IN_CALLBACK_PATH}?${query}`));
  expect(callback.status).toBe(302);
  const session = callback.headers.getSetCookie().find((cookie) => cookie.includes("authjs.session-token="));
  expect(session).toMatch(/^__Secure-authjs\.session-token=/);
  const attributes = session!.split(";").slice(1).map((attribute) => attribute.trim().toLowerCase());
  expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
});
