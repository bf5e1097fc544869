import { expect, test } from "@playwright/test";
import { peopleCsv, startInviteApp, type InviteApp } from "../test/support/invite-app";
import { BIG_CSV_APP_PORT } from "./support/environment";

/**
 * A CSV of 10,000 rows (MAX_INVITE_ROWS) through the invite form's compact preview, on a server of its
 * own (test/support/invite-app.ts): one bad address, one address listed twice and one that is
 * already a user, which only the server knows.
 */
const ROWS = 10_000;
const existing = "already.big@example.com";
const csv = peopleCsv(ROWS, (index) => {
  if (index === 2499) return ["Bad", "Address", "not-an-address"];
  if (index === 4999) return ["Twice", "Listed", "BULK.10@example.com"];
  if (index === 7499) return ["Already", "User", existing];
  return null;
});

let app: InviteApp;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  app = await startInviteApp(browser, { port: BIG_CSV_APP_PORT, dataDir: ".data/e2e-big-csv-pglite" });
});
test.afterAll(async () => {
  await app?.context.close();
  await app?.server.stop();
});

test("a 10,000-row CSV shows its problem rows first, they are fixed or dropped, and one Send invite sends the rest", async () => {
  test.setTimeout(180_000);
  const { page } = app;
  await page.goto("/users/invite");
  await page.getByLabel("First name").fill("Already");
  await page.getByLabel("Last name").fill("Invited");
  await page.getByLabel("Email address").fill(existing);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText("Invitation queued for 1 user.")).toBeVisible();

  await page.goto("/users/invite");
  await page.getByLabel("CSV file of users to invite").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const preview = page.getByRole("table", { name: "10,000 rows from big.csv · 2 need attention" });
  await expect(preview).toBeVisible();
  const rows = preview.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(rows.nth(0)).toContainText("not-an-address");
  await expect(rows.nth(0)).toContainText("Enter a valid email address");
  await expect(rows.nth(1)).toContainText("BULK.10@example.com");
  await expect(rows.nth(1)).toContainText("This address is listed twice.");
  await expect(rows.nth(2)).toContainText("bulk.0@example.com");

  // Fix the bad address in place; drop the repeated one.
  await page.getByRole("button", { name: "Edit row 2500" }).click();
  const editor = page.getByRole("group", { name: "Row 2500" });
  await expect(editor.getByLabel("First name")).toBeFocused();
  await editor.getByLabel("Email address").fill("fixed.big@example.com");
  await editor.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Remove row 5000" }).click();
  await expect(page.getByRole("table", { name: "9,999 rows from big.csv · none need attention" })).toBeVisible();

  // The server finds the address that is already a user: nothing is sent, and that row comes first.
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText("1 address is already a user of this organization. Nothing was sent.")).toBeVisible();
  const refused = page.getByRole("table", { name: "9,999 rows from big.csv · 1 needs attention" });
  await expect(refused.locator("tbody tr").nth(0)).toContainText(existing);
  await expect(refused.locator("tbody tr").nth(0)).toContainText("already a user of this organization");
  await page.getByRole("button", { name: "Edit row 7500" }).click();
  await page.getByRole("group", { name: "Row 7500" }).getByLabel("Email address").fill("renamed.big@example.com");
  await page.getByRole("group", { name: "Row 7500" }).getByLabel("Email address").press("Enter");
  await expect(page.getByRole("table", { name: "9,999 rows from big.csv · none need attention" })).toBeVisible();

  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText("Invitations queued for 9,999 users.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("10,000 users · page 1 of")).toBeVisible();
  await page.goto("/users?q=fixed.big@");
  await expect(page.getByRole("row").filter({ hasText: "fixed.big@example.com" })).toBeVisible();
});
