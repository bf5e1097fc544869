import { expect, test, type Page } from "@playwright/test";
import { linkIn } from "./support/mailbox";
import { SENDS_APP_PORT, SENDS_RESEND_PORT, WEBHOOK_SECRET } from "./support/environment";
import { peopleCsv, startInviteAppThroughFakeResend } from "../test/support/invite-app";

/**
 * Sends you can watch, through the Resend path at one request a second (100 emails a call): a 1,000-row
 * CSV's progress bar rises to 1,000 and ends in its outcome; the send's page counts what the provider
 * and its webhooks said (one address bounces); Retry failed and Resend to those who have not joined
 * reach exactly the right people, counted at the provider. On a server of its own with a fake Resend
 * of its own that reports each email's fate to the app's webhook route.
 */
const API_KEY = "re_test_sends";
const BULK = 1_000;
const bulkAddress = (index: number) => (index === 7 ? "sends.bulk.7+bounce@example.com" : `sends.bulk.${index}@example.com`);
const csv = peopleCsv(BULK, (index) => [`Bulk${index}`, "Person", bulkAddress(index)]);

let app: Awaited<ReturnType<typeof startInviteAppThroughFakeResend>>;
const to = (address: string) => app.to(address);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  app = await startInviteAppThroughFakeResend(browser, {
    port: SENDS_APP_PORT,
    resendPort: SENDS_RESEND_PORT,
    dataDir: ".data/e2e-sends-pglite",
    apiKey: API_KEY,
    webhookSecret: WEBHOOK_SECRET,
    env: { RESEND_REQUESTS_PER_SECOND: "1" },
  });
  // From here on the provider takes one request a second, as the app is told.
  app.resend.faults.requestsPerSecond = 1;
});
test.afterAll(async () => app?.stop());

/** The count a send's page shows under a label (Bounced, 1), after a reload. */
async function countOn(page: Page, label: string): Promise<number> {
  await page.reload();
  const shown = await page.getByRole("group", { name: label, exact: true }).getByText(/^\d[\d,]*$/).textContent();
  return Number(shown!.replaceAll(",", ""));
}

test("a 1,000-row CSV: the progress bar rises to 1,000, the outcome follows, and the send's page counts it", async () => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.goto("/users/invite");
  await page.getByLabel("CSV file of users to invite").setInputFiles({ name: "bulk.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("table", { name: "1,000 rows from bulk.csv · none need attention" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Send invite" }).click();
  // The toast tells the truth: queued, not sent.
  await expect(page.getByText("Invitations queued for 1,000 users.")).toBeVisible({ timeout: 60_000 });

  const bar = page.getByRole("progressbar", { name: "Sending invitations" });
  await expect(bar).toHaveAttribute("aria-valuemax", "1000");
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const now = Number(await bar.getAttribute("aria-valuenow"));
        seen.add(now);
        return now;
      },
      { timeout: 120_000, intervals: [250] },
    )
    .toBe(1000);
  // It moved through the batches (100 a second), not from nothing to everything.
  expect([...seen].some((value) => value > 0 && value < 1000), `values seen: ${[...seen].join(", ")}`).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: /^1,000 sent · \d bounced · 0 failed$/ })).toBeVisible();
  expect(app.resend.recorded.filter((email) => email.to[0]!.startsWith("sends.bulk."))).toHaveLength(BULK);

  // Leaving and coming back shows the same send.
  await page.goto("/settings");
  await page.goto("/users");
  await expect(page.getByRole("progressbar", { name: "Sending invitations" })).toHaveAttribute("aria-valuenow", "1000");

  await page.getByRole("link", { name: "View send" }).click();
  await expect(page.getByRole("heading", { name: "Invitations to 1,000 users" })).toBeVisible();
  await expect(page.getByText("Sent by admin@example.com on")).toBeVisible();
  // The fake provider reports one bounce and 999 deliveries through the app's webhook route.
  await expect.poll(() => countOn(page, "Bounced"), { timeout: 60_000 }).toBe(1);
  await expect.poll(() => countOn(page, "Delivered"), { timeout: 60_000 }).toBe(999);
  expect(await countOn(page, "Sent")).toBe(1000);
  expect(await countOn(page, "Queued")).toBe(0);
  expect(await countOn(page, "Failed")).toBe(0);
  expect(await countOn(page, "Joined")).toBe(0);
  await expect(page.getByRole("table", { name: "Users of this send" }).getByRole("row")).toHaveCount(11); // header and the first 10

  // One of them joins: Joined 1, and Resend to those who have not joined reaches the other 999 exactly.
  const joiner = "sends.bulk.0@example.com";
  const visitor = await page.context().browser()!.newContext();
  const joinPage = await visitor.newPage();
  await joinPage.goto(linkIn(to(joiner)[0]!, /\/join\//));
  await joinPage.getByRole("button", { name: "Join Bulk Co" }).click();
  await expect(joinPage.getByRole("heading", { name: "Welcome to Bulk Co" })).toBeVisible();
  await visitor.close();
  await expect.poll(() => countOn(page, "Joined")).toBe(1);

  const sendPage = page.url();
  await page.getByRole("button", { name: "Resend to those who have not joined" }).click();
  await expect(page.getByText("New invitations queued for 999 users.")).toBeVisible({ timeout: 60_000 });
  // The resend is a send of its own, with its own page and progress.
  await expect(page.getByRole("heading", { name: "Resent invitations to 999 users" })).toBeVisible();
  expect(page.url()).not.toBe(sendPage);
  await expect(page.getByRole("progressbar", { name: "Sending invitations" })).toHaveAttribute("aria-valuenow", "999", { timeout: 120_000 });
  await expect.poll(() => app.resend.recorded.filter((email) => email.to[0]!.startsWith("sends.bulk.")).length, { timeout: 30_000 }).toBe(BULK + 999);
  expect(to(joiner)).toHaveLength(1);
  for (const index of [1, 7, 500, 999]) expect(to(bulkAddress(index))).toHaveLength(2);

  // The Activity log links the sends.
  await page.goto("/activity");
  await expect(page.getByRole("link", { name: "View send" }).first()).toBeVisible();
  await page.getByRole("link", { name: "View send" }).first().click();
  await expect(page.getByRole("heading", { name: /Invitations to|Resent invitations to/ })).toBeVisible();
});

test("Retry failed sends the failed emails again with the same links, to exactly those people", async () => {
  test.setTimeout(120_000);
  const { page } = app;
  const refused = "sends.retry.refused@example.com";
  const fine = "sends.retry.fine@example.com";
  app.resend.faults.refusedRecipients.add(refused);

  await page.goto("/users/invite");
  await page.getByLabel("First name").fill("Rita");
  await page.getByLabel("Last name").fill("Refused");
  await page.getByLabel("Email address").fill(refused);
  await page.getByRole("button", { name: "Add another user" }).click();
  await page.getByLabel("First name").nth(1).fill("Fred");
  await page.getByLabel("Last name").nth(1).fill("Fine");
  await page.getByLabel("Email address").nth(1).fill(fine);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText("Invitations queued for 2 users.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "1 sent · 0 bounced · 1 failed" })).toBeVisible({ timeout: 60_000 });
  expect(to(refused)).toHaveLength(0);
  expect(to(fine)).toHaveLength(1);

  await page.getByRole("link", { name: "View send" }).click();
  await expect(page.getByRole("heading", { name: "Invitations to 2 users" })).toBeVisible();
  expect(await countOn(page, "Failed")).toBe(1);
  app.resend.faults.refusedRecipients.delete(refused);
  await page.getByRole("button", { name: "Retry failed" }).click();
  await expect(page.getByText("1 email queued again, with the same links.")).toBeVisible();
  await expect.poll(() => to(refused).length, { timeout: 30_000 }).toBe(1);
  await expect.poll(() => countOn(page, "Failed"), { timeout: 30_000 }).toBe(0);
  expect(await countOn(page, "Sent")).toBe(2);
  expect(to(fine)).toHaveLength(1);
  // The retried email carries a link that works: the one the failed email held.
  const visitor = await page.context().browser()!.newContext();
  const joinPage = await visitor.newPage();
  await joinPage.goto(linkIn(to(refused)[0]!, /\/join\//));
  await expect(joinPage.getByRole("button", { name: "Join Bulk Co" })).toBeVisible();
  await visitor.close();
});
