import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hasUnusedSignInLink, parseSignInLink, SIGN_IN_CALLBACK_PATH, SIGN_IN_CONFIRM_PATH } from "@/lib/auth/sign-in-link";
import { emailedSignInLink, openAuthUnderTest, type AuthUnderTest } from "@/test/support/auth-handlers";

// Delivery is not under test: the sign-in email stays in the outbox, where the test reads it.
vi.mock("@/lib/email/delivery-loop", () => ({ wakeDeliveryWorkers: () => {} }));

const APP_URL = "http://localhost:3000";
// Each test asks for links for its own admin: whether an address holds an unused link is the question.
const ADMINS = ["first.admin@example.com", "second.admin@example.com", "third.admin@example.com"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

let auth: AuthUnderTest;

beforeAll(async () => {
  auth = await openAuthUnderTest({ appUrl: APP_URL, admins: [...ADMINS] });
});

afterAll(async () => {
  await auth?.close();
});

/** The emailed link, and the request its Sign in button makes (the page's form, as a URL). */
async function askForLink(email: string) {
  const link = new URL(await emailedSignInLink(auth, { origin: APP_URL, email, callbackUrl: `${APP_URL}/users` }));
  const parsed = parseSignInLink(Object.fromEntries(link.searchParams), APP_URL);
  const press = () =>
    auth.handlers.GET(new NextRequest(`${APP_URL}${SIGN_IN_CALLBACK_PATH}?${new URLSearchParams({ ...parsed! })}`));
  return { link, parsed, press };
}

describe("a sign-in link is used only by pressing Sign in on its page", () => {
  it("the email links to the confirm page, with Auth.js's token, address and callback URL", async () => {
    const [admin] = ADMINS;
    const { link, parsed } = await askForLink(admin);
    expect(link.origin + link.pathname).toBe(`${APP_URL}${SIGN_IN_CONFIRM_PATH}`);
    expect(parsed).toEqual({ token: expect.stringMatching(/^[0-9a-f]{64}$/), email: admin, callbackUrl: `${APP_URL}/users` });
  });

  it("the link stays usable until pressed; then it is spent, and pressing again is Auth.js's Verification error", async () => {
    const [, admin] = ADMINS;
    const { press } = await askForLink(admin);
    const now = new Date();
    expect(await hasUnusedSignInLink(auth.handle.db, admin, now)).toBe(true);

    const first = await press();
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`${APP_URL}/users`);
    expect(first.headers.getSetCookie().some((cookie) => cookie.startsWith("authjs.session-token="))).toBe(true);

    expect(await hasUnusedSignInLink(auth.handle.db, admin, now)).toBe(false);
    const again = await press();
    expect(again.headers.get("location")).toBe(`${APP_URL}/sign-in?error=Verification`);
  });

  it("a link past its 24 hours is not usable, and another address holds none", async () => {
    const [, , admin] = ADMINS;
    await askForLink(admin);
    expect(await hasUnusedSignInLink(auth.handle.db, admin, new Date())).toBe(true);
    expect(await hasUnusedSignInLink(auth.handle.db, admin, new Date(Date.now() + DAY_MS + 60_000))).toBe(false);
    expect(await hasUnusedSignInLink(auth.handle.db, "someone.else@example.com", new Date())).toBe(false);
  });
});
