import { expect, test } from "@playwright/test";
import { invitePeopleFromCsv, joinFromEmail } from "./support/invite";
import { emailsTo, waitForEmail } from "./support/mailbox";

/**
 * Twelve people: more than a page of 10, all sharing "selectall." so a search isolates them. Few, on
 * purpose: e2e admins may invite 100 people an hour (playwright.config.ts), and every spec's invites count.
 */
const people = Array.from({ length: 12 }, (_, index) => {
  const n = String(index + 1).padStart(2, "0");
  return { first: `Selected${n}`, last: "Person", email: `selectall.${n}@example.com` };
});

test("Select all N users resends to everyone the view matches and then removes them all, each after a confirmation that says N", async ({ page }) => {
  await invitePeopleFromCsv(page, people);
  await joinFromEmail(page, "selectall.01@example.com");

  await page.goto("/users?q=selectall.&perPage=10");
  await expect(page.getByText("12 users · page 1 of 2")).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
  await expect(page.getByText("All 10 users on this page are selected.")).toBeVisible();
  await page.getByRole("button", { name: "Select all 12 users" }).click();
  await expect(page.getByText("All 12 users matching this view are selected.")).toBeVisible();
  await expect(page.getByText("12 users selected")).toBeVisible();

  await page.getByRole("button", { name: "Resend invitation" }).click();
  const resendDialog = page.getByRole("dialog", { name: "Resend invitation to 12 users?" });
  await expect(resendDialog).toContainText("matching “selectall.”");
  await resendDialog.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByText("Invitation resent to 11 users.")).toBeVisible();
  await expect(page.getByText("Skipped 1 user already enrolled, so no invitation is needed.")).toBeVisible();
  // The ones on the second page too: a second invitation reached selectall.12.
  await waitForEmail(page.request, "selectall.12@example.com", 2);
  expect(await emailsTo(page.request, "selectall.01@example.com")).toHaveLength(1);

  // Unticking a row ends "all N": the actions apply to what is ticked again.
  await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
  await page.getByRole("button", { name: "Select all 12 users" }).click();
  await page.locator("tbody").getByRole("checkbox").first().uncheck();
  await expect(page.getByText("All 12 users matching this view are selected.")).toHaveCount(0);
  await expect(page.getByText("9 users selected")).toBeVisible();
  await page.locator("tbody").getByRole("checkbox").first().check();
  await expect(page.getByRole("button", { name: "Select all 12 users" })).toBeVisible();

  await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
  await page.getByRole("button", { name: "Select all 12 users" }).click();
  await page.getByRole("button", { name: "Remove user" }).click();
  const removeDialog = page.getByRole("dialog", { name: "Remove 12 users?" });
  await removeDialog.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("Removed 12 users.")).toBeVisible();
  await expect(page.getByText("No users match this search.")).toBeVisible();

  await page.goto("/activity?action=user.removed");
  await expect(page.getByRole("row").filter({ hasText: "selectall.12@example.com" })).toHaveCount(1);
});
