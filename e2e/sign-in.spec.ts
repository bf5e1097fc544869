import { expect, test } from "@playwright/test";
import { APP_URL } from "./support/environment";
import { invitePeople, joinFromEmail } from "./support/invite";
import { emailsTo, linkIn, waitForEmail, waitForOutboxToDrain } from "./support/mailbox";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("console pages send anonymous visitors to the sign-in page", async ({ page }) => {
    for (const path of ["/users", "/users/invite", "/settings"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in$/);
    }
  });

  test("an address that is not an admin gets the same answer and no email", async ({ page, request }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("stranger@example.org");
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await waitForOutboxToDrain(request);
    expect(await emailsTo(request, "stranger@example.org")).toHaveLength(0);
  });

  test("an invalid address gets a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("not an address");
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
  });

  test("the development mailbox does not exist when mail goes through Resend", async ({ request }) => {
    expect((await request.get("/dev/mailbox")).status()).toBe(404);
  });
});

test.describe("a sign-in link is scanner-safe", () => {
  // Its own client (a trusted proxy's X-Forwarded-For): its sign-in requests spend their own budget.
  const client = { baseURL: APP_URL, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.40" } };

  test("opening the link spends nothing; pressing Sign in signs in once; the used link says so", async ({ page, browser, request }) => {
    // An admin address of its own, enrolled through an invitation: nobody else asks for its links.
    const sam = { first: "Sam", last: "Scanned", email: "sam.scanned@example.com", role: "Admin" as const };
    await invitePeople(page, [sam]);
    const samContext = await browser.newContext(client);
    const samPage = await samContext.newPage();
    await joinFromEmail(samPage, sam.email);

    // The welcome's Sign in opens the sign-in page with the invitee's address filled in.
    await samPage.getByRole("link", { name: "Sign in", exact: true }).click();
    await expect(samPage.getByLabel("Email")).toHaveValue(sam.email);
    await samPage.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(samPage.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const email = await waitForEmail(request, sam.email, 2);
    expect(email.subject).toBe("Your Roster sign-in link");
    // Whatever the email links to: the first link to the app.
    const link = linkIn(email, new RegExp(`^${APP_URL}/`));

    await test.step("a mail scanner fetches the link, and another one renders it without pressing anything", async () => {
      const fetched = await request.get(link, { maxRedirects: 0 });
      expect(fetched.status()).toBe(200);
      const scanner = await browser.newContext(client);
      const scannerPage = await scanner.newPage();
      await scannerPage.goto(link);
      await expect(scannerPage.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
      await scanner.close();
    });

    await test.step("the admin opens the link, presses Sign in and lands on the console", async () => {
      await samPage.goto(link);
      await expect(samPage.getByText(`Press Sign in to finish signing in as ${sam.email}.`)).toBeVisible();
      await samPage.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(samPage.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
    });

    await test.step("the used link, opened again, says it expired or was used and offers a new one", async () => {
      const later = await browser.newContext(client);
      const laterPage = await later.newPage();
      await laterPage.goto(link);
      await expect(laterPage.getByRole("heading", { name: "This sign-in link has expired or was already used" })).toBeVisible();
      await expect(laterPage.getByRole("button", { name: "Sign in", exact: true })).toHaveCount(0);
      await laterPage.getByRole("link", { name: "Ask for a new sign-in link" }).click();
      await expect(laterPage.getByLabel("Email")).toHaveValue(sam.email);
      await later.close();
    });
    await samContext.close();
  });

  test("a malformed link gets the same plain page, never a 500", async ({ request }) => {
    for (const query of ["", "?token=abc", `?token=${"0".repeat(64)}&email=not-an-address&callbackUrl=%2Fusers`, `?token=${"0".repeat(64)}&email=a%40example.com&callbackUrl=https%3A%2F%2Fevil.example%2F`, "?token=1&token=2", "?email=%ff"]) {
      const response = await request.get(`/sign-in/confirm${query}`, { headers: client.extraHTTPHeaders });
      expect(response.status(), query).toBe(200);
      expect(await response.text(), query).toContain("This sign-in link has expired or was already used");
    }
  });
});
