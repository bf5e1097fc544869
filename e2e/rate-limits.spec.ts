import { expect, test, type APIResponse, type Browser, type Response } from "@playwright/test";
import { APP_URL, STORAGE_STATE } from "./support/environment";
import { fillInviteRows, invitePeople } from "./support/invite";
import { emailsTo, linkIn, waitForEmail } from "./support/mailbox";
import { signInWithLink } from "./support/sign-in";

// The limits set for the e2e server in playwright.config.ts.
const SIGN_IN_PER_EMAIL = 5;
const JOIN_FAILURES_PER_IP = 5;
const INVITATIONS_PER_ADMIN_PER_HOUR = 100;
const LIMITS_ADMIN_EMAIL = "limits.admin@example.com";

/**
 * A browser whose requests come from `ip`, as a trusted proxy would say (TRUST_PROXY=1): each test
 * is its own client, so its budget is not the other specs'.
 */
async function clientAt(browser: Browser, ip: string, options: { storageState?: string } = {}) {
  const context = await browser.newContext({ ...options, baseURL: APP_URL, extraHTTPHeaders: { "x-forwarded-for": ip } });
  return { context, page: await context.newPage() };
}

/** Refused over a limit where the app can say so in the status: 429, with the wait in Retry-After. */
function expectTooManyRequests(response: Response | APIResponse | null) {
  expect(response?.status()).toBe(429);
  expect(Number(response?.headers()["retry-after"])).toBeGreaterThan(0);
}

test("the 6th sign-in request for one address within the window is refused with the wait", async ({ browser }) => {
  const { context, page } = await clientAt(browser, "198.51.100.10");
  const address = "flood.target@example.com";
  for (let request = 0; request < SIGN_IN_PER_EMAIL; request++) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(address);
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  }
  // Through the form: the sign-in action answers with the sentence, which the form shows.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(address);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByText(/^Too many sign-in requests\. Try again in \d+ minutes?\.$/)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(address);
  await expect(page.getByRole("heading", { name: "Check your email" })).toHaveCount(0);

  // Auth.js's own endpoint takes the same request without the page: the same limit, as a 429.
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/signin/email", { form: { csrfToken, email: address }, maxRedirects: 0 });
  expectTooManyRequests(response);
  expect(((await response.json()) as { error: string }).error).toMatch(/^Too many sign-in requests\. Try again in/);
  await context.close();
});

test("a client guessing join links is stopped, on the page and on the Join button", async ({ browser }) => {
  // A real invitation, opened first by the client that will then guess: its Join button is ready.
  const admin = await clientAt(browser, "198.51.100.19", { storageState: STORAGE_STATE });
  const invitee = { first: "Gus", last: "Guesser", email: "gus.guesser@example.com" };
  await invitePeople(admin.page, [invitee]);
  const invitation = await waitForEmail(admin.page.request, invitee.email);
  await admin.context.close();

  const { context, page } = await clientAt(browser, "198.51.100.20");
  await page.goto(linkIn(invitation, /\/join\//));
  const joinButton = page.getByRole("button", { name: /^Join / });
  await expect(joinButton).toBeVisible();

  const guesser = await context.newPage();
  for (let guess = 0; guess < JOIN_FAILURES_PER_IP; guess++) {
    const response = await guesser.goto(`/join/guessed-token-${guess}-${"x".repeat(30)}`);
    expect(response?.status()).toBe(404);
  }
  // Opening one more link: a 429 before the page renders.
  expectTooManyRequests(await guesser.goto("/join/guessed-token-one-too-many-xxxxxxxxxxxxxxxxxxxx"));
  await expect(guesser.getByRole("heading", { name: "Too many attempts" })).toBeVisible();
  await expect(guesser.getByText(/^Too many invitation links that do not work were tried from your network\. Try again in \d+ minutes?\.$/)).toBeVisible();

  // Even the real link waits now (guessing right after many misses must not pay off): the Join
  // action answers with the sentence, which the page shows.
  await joinButton.click();
  await expect(page.getByRole("heading", { name: "Too many attempts" })).toBeVisible();
  await expect(page.getByText(/^Too many invitation links that do not work were tried from your network\. Try again in/)).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Welcome to / })).toHaveCount(0);
  await context.close();
});

const overInvitationLimit = new RegExp(
  `^Too many invitations: you can send ${INVITATIONS_PER_ADMIN_PER_HOUR} an hour\\. Nothing was sent\\. Try again in \\d+ minutes?\\.$`,
);

test("an admin over the hourly invitation limit sees the message, and nothing is sent", async ({ browser }) => {
  const { context, page } = await clientAt(browser, "198.51.100.30");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(LIMITS_ADMIN_EMAIL);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await signInWithLink(page, await waitForEmail(page.request, LIMITS_ADMIN_EMAIL));
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();

  // One CSV spends all but two of the hour's invitations.
  const first = INVITATIONS_PER_ADMIN_PER_HOUR - 2;
  const rows = Array.from({ length: first }, (_, index) => `Bulk${index},Person,bulk.${index}@example.com`);
  await page.goto("/users/invite");
  await page.getByLabel("CSV file of users to invite").setInputFiles({
    name: "bulk.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["first name,last name,email", ...rows].join("\n")),
  });
  await expect(page.getByText(`${first} rows added from bulk.csv.`)).toBeVisible(); // read asynchronously: wait for its rows
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText(`Invitations queued for ${first} users.`)).toBeVisible();

  // Three do not fit in the two left: the form shows the sentence and keeps the rows.
  const overLimit = ["one", "two", "three"].map((name) => ({ first: "Over", last: name, email: `over.${name}@example.com` }));
  await fillInviteRows(page, overLimit);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText(overInvitationLimit)).toBeVisible();
  await expect(page.getByRole("group", { name: "User 3" }).getByLabel("Email address")).toHaveValue("over.three@example.com");

  // What is left fits; after it, not one more invitation does, to inviting and to resending alike.
  await invitePeople(page, overLimit.slice(0, 2));
  await fillInviteRows(page, overLimit.slice(2));
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText(overInvitationLimit)).toBeVisible();

  await page.goto("/users?q=bulk.0@");
  await page.getByRole("checkbox", { name: "Select bulk.0@example.com" }).check();
  await page.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByText(overInvitationLimit)).toBeVisible();

  await page.goto("/users?q=over.");
  await expect(page.getByRole("row").filter({ hasText: "over.three@example.com" })).toHaveCount(0);
  await waitForEmail(page.request, `bulk.${first - 1}@example.com`); // the delivery worker has caught up
  expect(await emailsTo(page.request, "over.three@example.com")).toHaveLength(0);
  expect(await emailsTo(page.request, "bulk.0@example.com")).toHaveLength(1); // not resent
  await context.close();
});
