import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { APP_URL, ORGANIZATION_NAME } from "./support/environment";
import { invitePeople, joinFromEmail } from "./support/invite";
import { principals, SESSION_COOKIE, SOLO_ORGANIZATION_NAME } from "./support/principals";
import { signInWithEmailedLink } from "./support/sign-in";

/** SPEC "Members and organizations": a member signs in to /account, never the console, and can leave. */

test("a member who joined signs in to My organizations, is kept out of the console, and leaves", async ({ page: admin, browser }) => {
  const mel = { first: "Mel", last: "Member", email: "mel.member@example.com" };
  await invitePeople(admin, [mel]);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const member = await context.newPage();
  await joinFromEmail(member, mel.email);
  await signInWithEmailedLink(member, mel.email);

  // The link's way in ends on /account, not the console.
  await expect(member).toHaveURL(`${APP_URL}/account`);
  await expect(member.getByRole("heading", { name: "My organizations" })).toBeVisible();
  await expect(member.getByText(`Signed in as ${mel.email}`)).toBeVisible();
  const row = member.getByRole("row").filter({ hasText: ORGANIZATION_NAME });
  await expect(row.getByRole("cell", { name: "Member", exact: true })).toBeVisible();
  await expect(member.getByRole("link", { name: "Back to the console" })).toHaveCount(0);
  await expectNoSeriousViolations(member);

  // Console pages, and the home page that leads to them, send a member to their account.
  for (const path of ["/users", "/activity", "/settings", "/"]) {
    await member.goto(path);
    await expect(member).toHaveURL(`${APP_URL}/account`);
  }
  // Export CSV answers a sentence, not a file.
  const exported = await member.request.get("/users/export");
  expect(exported.status()).toBe(403);

  // Cancel changes nothing and gives focus back to the button that opened the dialog.
  const leave = row.getByRole("button", { name: "Leave organization" });
  await leave.click();
  const dialog = member.getByRole("dialog", { name: `Leave ${ORGANIZATION_NAME}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(leave).toBeFocused();

  await leave.click();
  await dialog.getByRole("button", { name: "Leave organization" }).click();
  await expect(member.getByRole("status").filter({ hasText: `You left ${ORGANIZATION_NAME}.` })).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(member.getByText("You are not a user of any organization any more.")).toBeVisible();
  await context.close();

  // Their admin's Users table no longer lists them; the Activity log says why.
  await admin.goto(`/users?q=${encodeURIComponent(mel.email)}`);
  await expect(admin.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: mel.email })).toHaveCount(0);
  await admin.goto("/activity");
  await expect(admin.getByRole("row").filter({ hasText: "User left" }).filter({ hasText: mel.email }).first()).toBeVisible();
});

test("the last admin row of an organization is told why it cannot leave, and stays", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await context.addCookies([{ name: SESSION_COOKIE, value: principals.soloAdmin.sessionToken, url: APP_URL, httpOnly: true }]);
  const page = await context.newPage();
  await page.goto("/account");
  const row = page.getByRole("row").filter({ hasText: SOLO_ORGANIZATION_NAME });
  await expect(row.getByRole("cell", { name: "Admin", exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Leave organization" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave organization" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You are the last admin of this organization" })).toBeVisible();
  await page.reload();
  await expect(row).toBeVisible();
  await context.close();
});

test("an admin reaches My account from the console header, and the console from there", async ({ page }) => {
  await page.goto("/users");
  await page.getByRole("link", { name: "My account" }).click();
  await expect(page).toHaveURL(`${APP_URL}/account`);
  const row = page.getByRole("row").filter({ hasText: ORGANIZATION_NAME });
  // The ADMIN_EMAILS admin has no row in the first organization: nothing to leave there.
  await expect(row.getByRole("cell", { name: "Admin", exact: true })).toBeVisible();
  await expect(row.getByText("Through ADMIN_EMAILS")).toBeVisible();
  await expect(row.getByRole("button", { name: "Leave organization" })).toHaveCount(0);
  await page.getByRole("link", { name: "Back to the console" }).click();
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
});
