import { expect, test } from "@playwright/test";
import { APP_URL } from "./support/environment";
import { invitePeople } from "./support/invite";
import { principals, SESSION_COOKIE } from "./support/principals";

const LAST_ADMIN = "An organization needs at least one admin";

test("Change role makes a user an admin and a member again, shown in the Role column and the Activity log", async ({ page }) => {
  const rita = { first: "Rita", last: "Role", email: "rita.role@example.com" };
  // Another admin row, so that Rita is never the organization's last one, whatever ran before.
  const raj = { first: "Raj", last: "Role", email: "raj.role@example.com", role: "Admin" as const };
  await invitePeople(page, [rita, raj]);
  await page.goto(`/users?q=${encodeURIComponent(rita.email)}`);
  const row = page.getByRole("row").filter({ hasText: rita.email });
  await expect(row).toContainText("Member");

  await row.getByRole("checkbox", { name: `Select ${rita.email}` }).check();
  await page.getByRole("button", { name: "Change role" }).click();
  const dialog = page.getByRole("dialog", { name: "Change role" });
  await dialog.getByLabel("Admin").check();
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText(`${rita.email} is now an admin.`)).toBeVisible();
  await expect(row).toContainText("Admin");
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: rita.email })).toContainText("Admin");

  await page.getByRole("checkbox", { name: `Select ${rita.email}` }).check();
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("dialog", { name: "Change role" }).getByLabel("Member")).toBeChecked();
  await page.getByRole("dialog", { name: "Change role" }).getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText(`${rita.email} is now a member.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: rita.email })).toContainText("Member");

  await page.goto("/activity?action=user.role_changed");
  await expect(page.getByRole("row").filter({ hasText: rita.email })).toHaveCount(2);
  await expect(page.getByRole("row").filter({ hasText: rita.email }).first()).toContainText("Role changed");
});

test("the last admin row of an organization can be neither demoted nor removed", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await context.addCookies([{ name: SESSION_COOKIE, value: principals.soloAdmin.sessionToken, url: APP_URL, httpOnly: true }]);
  const page = await context.newPage();
  const self = principals.soloAdmin.email;
  await page.goto("/users");
  const row = page.getByRole("row").filter({ hasText: self });
  await expect(row).toContainText("Admin");

  await row.getByRole("checkbox", { name: `Select ${self}` }).check();
  await page.getByRole("button", { name: "Change role" }).click();
  await page.getByRole("dialog", { name: "Change role" }).getByLabel("Member").check();
  await page.getByRole("dialog", { name: "Change role" }).getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText(LAST_ADMIN)).toBeVisible();

  await row.getByRole("checkbox", { name: `Select ${self}` }).check();
  await page.getByRole("button", { name: "Remove user" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText(LAST_ADMIN).last()).toBeVisible();

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: self })).toContainText("Admin");
  await context.close();
});
