import type { Request } from "@playwright/test";
import { NextRequest } from "next/server";
import { proxy } from "../proxy";
import { expect, parsePolicy, test, watchCspViolations } from "./support/csp";
import { ADMIN_EMAIL, APP_URL, CAPTURE_APP_URL, FAKE_RESEND_URL, STORAGE_STATE } from "./support/environment";
import { invitePeople, joinFromEmail } from "./support/invite";
import { emailsTo, linkIn, waitForEmail } from "./support/mailbox";
import { principals } from "./support/principals";
import { pressSignIn, signInWithLink, SIGN_IN_LINK } from "./support/sign-in";

// A well-formed join token (32 bytes, base64url) that names no invitation.
const UNKNOWN_JOIN_TOKEN = "Q2FuYXJ5VG9rZW5UaGF0TmFtZXNOb0ludml0YXRpb24";

// This spec opens unknown join links on purpose: as its own clients (the e2e server trusts one proxy
// hop), so it neither reaches the per-IP limit on join misses nor spends the other specs' budget.
test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.10" } });
const OTHER_CLIENT = { "x-forwarded-for": "198.51.100.11" };

test.describe("headers", () => {
  test("pages get a nonce policy that forbids framing, plugins, base and foreign form targets", async ({ request }) => {
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    const policy = parsePolicy(first.headers()["content-security-policy"]);
    const nonce = policy.get("script-src")?.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, "script-src carries a nonce").toBeTruthy();
    expect(policy.get("script-src")).toEqual(expect.arrayContaining(["'strict-dynamic'"]));
    expect(policy.get("script-src")).not.toEqual(expect.arrayContaining(["'unsafe-inline'"]));
    expect(policy.get("script-src")).not.toEqual(expect.arrayContaining(["'unsafe-eval'"]));
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(second.headers()["content-security-policy"]).not.toContain(nonce);

    expect(first.headers()["x-frame-options"]).toBe("DENY");
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    // Plain http on localhost: HSTS there would pin the browser to https for every localhost app.
    expect(first.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("every script of every page carries the nonce of its own response, never a cached one", async ({ request }) => {
    // Twice each: a page served from a cache would repeat the first answer's nonce.
    for (const path of ["/sign-in", "/sign-in/check-email", "/sign-in/confirm", "/no-such-page", `/join/${UNKNOWN_JOIN_TOKEN}`, "/", "/users"]) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await request.get(path, { maxRedirects: 0, headers: OTHER_CLIENT });
        const policy = parsePolicy(response.headers()["content-security-policy"]);
        const nonce = policy.get("script-src")?.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
        expect(nonce, `${path}: script-src carries a nonce`).toBeTruthy();
        const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
        if (!response.headers()["location"]) expect(scripts.length, path).toBeGreaterThan(0);
        for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
      }
    }
  });

  test("a join link is sent as a Referer to our own origin only, and an unknown one is not echoed back", async ({ page, request }) => {
    const response = await request.get(`/join/${UNKNOWN_JOIN_TOKEN}`);
    expect(response.status()).toBe(404);
    expect(response.headers()["referrer-policy"]).toBe("same-origin");
    expect(parsePolicy(response.headers()["content-security-policy"]).get("frame-ancestors")).toEqual(["'none'"]);

    // What the page says and its title. (Next's router state in the HTML repeats the URL's segments,
    // as the address bar does; same-origin keeps the URL from travelling to other sites.)
    for (const token of [UNKNOWN_JOIN_TOKEN, "not-a-token-at-all"]) {
      await page.goto(`/join/${token}`);
      await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
      expect(await page.locator("body").innerText()).not.toContain(token);
      expect(await page.title()).not.toContain(token);
    }
  });

  test("a bad sign-in link lands on the sign-in page without its token", async ({ page, request }) => {
    const token = "f".repeat(64);
    const forged = (email: string) => `/sign-in/confirm?${new URLSearchParams({ callbackUrl: "/users", token, email })}`;

    // An address that holds no link: the page says so at once, and shows no token. (Next's router
    // state in the HTML repeats the URL, as the address bar does; same-origin keeps it on the site.)
    const dead = await request.get(forged("nobody@example.com"));
    expect(dead.headers()["referrer-policy"]).toBe("same-origin");
    await page.goto(forged("nobody@example.com"));
    await expect(page.getByRole("heading", { name: "This sign-in link has expired or was already used" })).toBeVisible();
    expect(await page.locator("body").innerText()).not.toContain(token);
    expect(await page.title()).not.toContain(token);

    // An address that holds a real link shows Sign in; pressing it with the forged token does not sign in.
    const { email } = principals.soloAdmin;
    await page.context().clearCookies();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await waitForEmail(request, email);
    await page.goto(forged(email));
    expect(await page.locator("body").innerText()).not.toContain(token);
    // The one place the page holds it: the form that sends it back.
    await expect(page.locator(`input[type="hidden"][value="${token}"]`)).toHaveCount(1);
    await pressSignIn(page);
    await expect(page).toHaveURL(/\/sign-in\?error=Verification$/);
    await expect(page.getByText("That sign-in link has expired or was already used. Ask for a new one below.")).toBeVisible();
    expect(await page.content()).not.toContain(token);
  });

  test("route handlers can load nothing and cannot be framed", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("with an https APP_URL every answer tells the browser to use https only", async () => {
    const previous = process.env.APP_URL;
    process.env.APP_URL = "https://roster.example.com";
    try {
      // Behind a TLS-terminating proxy the request itself arrives over plain http. "/join/%zz" is
      // refused by the proxy itself, and its refusal is no exception. (No readable join link: its
      // request would read the join limit from a database this process does not have.)
      for (const path of ["/users", "/sign-in", "/api/health", "/join/%zz"]) {
        const response = await proxy(new NextRequest(`http://10.0.0.5:3000${path}`));
        expect(response.headers.get("strict-transport-security"), path).toBe("max-age=63072000; includeSubDomains");
      }
      const policy = parsePolicy((await proxy(new NextRequest("http://10.0.0.5:3000/users"))).headers.get("content-security-policy") ?? "");
      expect(policy.has("upgrade-insecure-requests")).toBe(true);
    } finally {
      process.env.APP_URL = previous;
    }
  });
});

test.describe("the app works under its policy", () => {
  test("signing in with an emailed link: no violation, session cookie httpOnly and SameSite=Lax", async ({ browser, request }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = await watchCspViolations(page);
    const earlier = (await emailsTo(request, ADMIN_EMAIL)).length;
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const email = await waitForEmail(request, ADMIN_EMAIL, earlier + 1);
    await signInWithLink(page, email);
    await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();

    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
    expect(session).toMatchObject({ name: "authjs.session-token", httpOnly: true, sameSite: "Lax", secure: false });
    expect(violations).toEqual([]);
    await context.close();
  });

  test.describe("signed in", () => {
    test.use({ storageState: STORAGE_STATE });

    test("adding a row to the invite form runs client code under the policy", async ({ page }) => {
      await page.goto("/users/invite");
      await page.getByRole("button", { name: "Add another user" }).click();
      await expect(page.getByRole("group", { name: "User 2" })).toBeVisible();
    });

    test("no request to another origin carries a join or sign-in token, in its URL or its Referer", async ({ page, browser, request }) => {
      const rex = { first: "Rex", last: "Referer", email: "rex.referer@example.com", role: "Admin" as const };
      await invitePeople(page, [rex]);
      const joinLink = linkIn(await waitForEmail(request, rex.email), /\/join\//);
      const joinToken = new URL(joinLink).pathname.split("/").pop()!;

      const context = await browser.newContext({ baseURL: APP_URL, extraHTTPHeaders: OTHER_CLIENT });
      const requests: Request[] = [];
      context.on("request", (sent) => requests.push(sent));
      const invitee = await context.newPage();
      // A link to another origin (the fake Resend server), followed from the page and then back.
      const leaveForAnotherOrigin = async () => {
        const elsewhere = `${FAKE_RESEND_URL}/_test/health`;
        await invitee.evaluate((href) => document.body.insertAdjacentHTML("beforeend", `<a href="${href}">Elsewhere</a>`), elsewhere);
        await invitee.getByRole("link", { name: "Elsewhere" }).click();
        await invitee.waitForURL(elsewhere);
        await invitee.goBack();
      };

      await invitee.goto(joinLink);
      await leaveForAnotherOrigin();
      await joinFromEmail(invitee, rex.email);
      await invitee.getByRole("link", { name: "Sign in", exact: true }).click();
      await invitee.getByRole("button", { name: "Send sign-in link" }).click();
      await expect(invitee.getByRole("heading", { name: "Check your email" })).toBeVisible();
      const signInLink = linkIn(await waitForEmail(request, rex.email, 2), SIGN_IN_LINK);
      const signInToken = new URL(signInLink).searchParams.get("token")!;
      await invitee.goto(signInLink);
      await leaveForAnotherOrigin();
      await pressSignIn(invitee);
      await expect(invitee.getByRole("heading", { name: "Users", exact: true })).toBeVisible();

      const sent = await Promise.all(requests.map(async (one) => ({ url: one.url(), referer: (await one.allHeaders())["referer"] ?? "" })));
      const abroad = sent.filter(({ url }) => new URL(url).origin !== APP_URL);
      expect(abroad.length, "requests to another origin were made").toBeGreaterThanOrEqual(2);
      for (const { url, referer } of abroad) {
        for (const token of [joinToken, signInToken]) expect(`${url} ${referer}`).not.toContain(token);
      }
      // Our own origin does get the full Referer (what lets a form post without JavaScript).
      expect(sent.some(({ url, referer }) => url.startsWith(APP_URL) && referer.includes(joinToken))).toBe(true);
      await context.close();
    });

    test("console pages and the invitation preview render without violations", async ({ page }) => {
      for (const path of ["/users", "/activity", "/settings"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      }
      await expect(page.frameLocator('iframe[title="Invitation email preview"]').locator("body")).not.toBeEmpty();
    });
  });

  test("the development mailbox shows emails in sandboxed frames without violations", async ({ page }) => {
    await page.goto(`${CAPTURE_APP_URL}/sign-in`);
    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await page.goto(`${CAPTURE_APP_URL}/dev/mailbox`);
    const email = page.getByRole("article", { name: `Email to ${ADMIN_EMAIL}: Your Roster sign-in link` }).first();
    await expect(email.frameLocator("iframe").getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  });

  test("the 404 page, which nothing else makes dynamic, carries this request's nonce", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "404" })).toBeVisible();
  });

  test("an injected inline event handler does not run, and is reported", async ({ page, cspViolations }) => {
    await page.goto("/sign-in");
    await page.evaluate(() => {
      document.body.insertAdjacentHTML("beforeend", `<img alt="" src="/missing.png" onerror="document.title = 'pwned'">`);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(await page.title()).not.toBe("pwned");
    cspViolations.length = 0; // Expected here; the fixture checks the rest of the test.
  });
});
