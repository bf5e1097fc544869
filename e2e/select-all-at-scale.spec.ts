import { expect, test } from "@playwright/test";
import { linkIn } from "./support/mailbox";
import { SELECT_ALL_APP_PORT, SELECT_ALL_RESEND_PORT } from "./support/environment";
import { peopleCsv, startInviteAppThroughFakeResend } from "../test/support/invite-app";

/**
 * Select all N users at scale, through the Resend path: 3,000 users, of whom the 2,000 whose address
 * holds "scale.match." are the view and one of those has enrolled. Resend invitation to all of them
 * must reach exactly the 1,999 others, counted at the provider, and nobody outside the view. On a
 * server of its own (the shared one's hourly invitation limit is 100) with a fake Resend of its own.
 */
const MATCHING = 2_000;
const ALL = 3_000;
const addressOf = (index: number) => (index < MATCHING ? `scale.match.${index}@example.com` : `scale.other.${index}@example.com`);
const csv = peopleCsv(ALL, (index) => [`Scale${index}`, "Person", addressOf(index)]);
const API_KEY = "re_test_select_all";

let app: Awaited<ReturnType<typeof startInviteAppThroughFakeResend>>;
const to = (address: string) => app.to(address);
const invitations = () => app.resend.recorded.filter((email) => email.to[0]!.startsWith("scale."));

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  app = await startInviteAppThroughFakeResend(browser, {
    port: SELECT_ALL_APP_PORT,
    resendPort: SELECT_ALL_RESEND_PORT,
    dataDir: ".data/e2e-select-all-pglite",
    apiKey: API_KEY,
  });
});
test.afterAll(async () => {
  await app?.stop();
});

test("Select all 2,000 users of a search among 3,000 resends to exactly the 1,999 not enrolled, counted at the provider", async () => {
  test.setTimeout(300_000);
  const { page } = app;
  await page.goto("/users/invite");
  await page.getByLabel("CSV file of users to invite").setInputFiles({ name: "scale.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("table", { name: "3,000 rows from scale.csv · none need attention" })).toBeVisible();
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText("Invitations queued for 3,000 users.")).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => invitations().length, { timeout: 120_000 }).toBe(ALL);

  // One of the view enrols.
  const enrolled = addressOf(7);
  await page.goto(linkIn(to(enrolled)[0]!, /\/join\//));
  await page.getByRole("button", { name: "Join Bulk Co" }).click();
  await expect(page.getByRole("heading", { name: "Welcome to Bulk Co" })).toBeVisible();

  await page.goto("/users?q=scale.match.&perPage=100");
  await expect(page.getByText("2,000 users · page 1 of 20")).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
  await page.getByRole("button", { name: "Select all 2,000 users" }).click();
  await page.getByRole("button", { name: "Resend invitation" }).click();
  const dialog = page.getByRole("dialog", { name: "Resend invitation to 2,000 users?" });
  await dialog.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByText("Invitation resent to 1,999 users.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Skipped 1 user already enrolled, so no invitation is needed.")).toBeVisible();

  await expect.poll(() => invitations().length, { timeout: 120_000 }).toBe(ALL + MATCHING - 1);
  // Let a stray late send show itself before counting per address.
  await page.waitForTimeout(2_000);
  expect(invitations()).toHaveLength(ALL + MATCHING - 1);
  const received = new Map<string, number>();
  for (const email of invitations()) received.set(email.to[0]!, (received.get(email.to[0]!) ?? 0) + 1);
  for (let index = 0; index < ALL; index++) {
    const address = addressOf(index);
    const expected = index < MATCHING && address !== enrolled ? 2 : 1;
    if (received.get(address) !== expected) throw new Error(`${address} received ${received.get(address) ?? 0} emails, expected ${expected}`);
  }
});
