import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { invitePeople } from "./support/invite";
import { linkIn, waitForEmail } from "./support/mailbox";

test("console pages have no serious or critical axe violations", async ({ page }) => {
  test.setTimeout(120_000); // ten axe runs of a few seconds each on a busy machine
  // With a user listed, so the Users table and the Activity rows are on the pages checked.
  await invitePeople(page, [{ first: "Ana", last: "Listed", email: "ana.listed@example.com" }]);
  await expect(page.getByRole("checkbox", { name: "Select ana.listed@example.com" })).toBeVisible();
  await expectNoSeriousViolations(page);
  // What opens over the table: the Columns panel and the Delivery details dialog.
  await page.getByRole("button", { name: "Columns" }).click();
  await expect(page.getByRole("checkbox", { name: "Invited by" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");
  const row = page.getByRole("row").filter({ hasText: "ana.listed@example.com" });
  await row.getByRole("button", { name: "Details" }).click();
  await expect(page.getByRole("dialog", { name: "Delivery details" }).getByRole("listitem").first()).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");
  // The send's page, from the progress bar's View send.
  await page.getByRole("link", { name: "View send" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page);
  for (const path of ["/users/invite", "/settings", "/settings/api-keys", "/settings/webhooks", "/activity", "/account", "/organizations/new"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page);
  }
  // The header's organization switcher, open.
  await page.getByRole("button", { name: /^Organization: / }).click();
  await expect(page.getByRole("menuitem", { name: "Create organization" })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("public pages have no serious or critical axe violations", async ({ page, browser }) => {
  await invitePeople(page, [{ first: "Axel", last: "Checker", email: "axel.checker@example.com" }]);
  const joinLink = linkIn(await waitForEmail(page.request, "axel.checker@example.com"), /\/join\//);
  const context = await browser.newContext();
  const anonymous = await context.newPage();
  for (const url of [new URL("/sign-in", page.url()).toString(), joinLink]) {
    await anonymous.goto(url);
    await expect(anonymous.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(anonymous);
  }
  await context.close();
});
