import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { exportCsv, readDownloadedCsv } from "./support/csv-download";
import { ADMIN_EMAIL, APP_URL, ORGANIZATION_NAME, STORAGE_STATE } from "./support/environment";
import { invitePeople } from "./support/invite";
import { serverActionsOfBuild } from "./support/server-actions";
import { signInWithEmailedLink } from "./support/sign-in";

/**
 * SPEC "Members and organizations", Organizations: an admin creates a second organization from the
 * header's switcher, works in it, switches back, and neither organization's pages, actions, exports,
 * keys or webhooks show the other's. The admin signs in in a browser of their own: the current
 * organization is part of the session, and the other specs share the setup's session.
 */

const NEW_ORGANIZATION = "Northwind Two";
const ours = { first: "Olga", last: "Ours", email: "olga.ours@example.com" };
const theirs = { first: "Tom", last: "Theirs", email: "tom.theirs@example.com" };
const ourHook = "http://127.0.0.1:9/organizations-spec";
const theirKey = "Northwind key";

const switcher = (page: Page, name: string) => page.getByRole("button", { name: `Organization: ${name}` });

/** What the current organization's console shows: Users rows, Activity rows, Export CSV's addresses, API keys, webhook endpoints. */
async function consoleOf(page: Page) {
  await page.goto("/users?perPage=100");
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  const users = (await page.getByRole("row").allInnerTexts()).join("\n");
  const exported = (await readDownloadedCsv(await exportCsv(page))).records.map((record) => record[2]).join("\n");
  await page.goto("/activity");
  await expect(page.getByRole("heading", { name: "Activity", exact: true })).toBeVisible();
  const activity = (await page.getByRole("row").allInnerTexts()).join("\n");
  await page.goto("/settings/api-keys");
  const keys = (await page.getByRole("row").allInnerTexts()).join("\n");
  await page.goto("/settings/webhooks");
  const webhooks = (await page.getByRole("row").allInnerTexts()).join("\n");
  return { users, exported, activity, keys, webhooks };
}

/** Calls a console server action over HTTP with this browser's session, as a forged request would. */
function callAction(page: Page, name: string, input: unknown) {
  const action = serverActionsOfBuild().find((entry) => entry.name === name && entry.file.startsWith("app/(console)/"));
  if (!action) throw new Error(`No server action ${name} in the build.`);
  return page.request.post(action.pagePath, {
    headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: APP_URL, "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
}

test("an admin creates a second organization, works in it and switches back, and neither shows the other's users", async ({ browser }) => {
  test.slow(); // a sign-in, two setups, two exports and every console page of both organizations
  // Its own client address: this spec spends no other spec's sign-in limit.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.78" } });
  const page = await context.newPage();
  await signInWithEmailedLink(page, ADMIN_EMAIL);
  await expect(switcher(page, ORGANIZATION_NAME)).toBeVisible();

  // Our organization: a user and a webhook endpoint the other must never show.
  await invitePeople(page, [ours]);
  await page.goto(`/users?q=${encodeURIComponent(ours.email)}`);
  const ourUserId = (await page.getByRole("row").filter({ hasText: ours.email }).getAttribute("data-user-id"))!;
  await page.goto("/settings/webhooks");
  await page.getByLabel("Endpoint URL").fill(ourHook);
  await page.getByLabel("user.invited").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByLabel("Signing secret")).toBeVisible();

  // The switcher lists the organizations they administer, the current one marked, and Create organization.
  await page.goto("/users");
  await switcher(page, ORGANIZATION_NAME).click();
  await expect(page.getByRole("menuitem", { name: ORGANIZATION_NAME })).toHaveAttribute("aria-current", "true");
  await expectNoSeriousViolations(page);
  await page.getByRole("menuitem", { name: "Create organization" }).click();
  await expect(page).toHaveURL(`${APP_URL}/organizations/new`);
  await expect(page.getByRole("heading", { name: "Create organization" })).toBeVisible();
  await expectNoSeriousViolations(page);

  // The ADMIN_EMAILS admin has no user row anywhere: the form asks for their name, and says what is missing beside each field.
  await page.getByLabel("Your first name").fill("");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("Enter the organization name.")).toBeVisible();
  await expect(page.getByText("Enter a first name.")).toBeVisible();
  await expect(page.getByLabel("Organization name")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Organization name").fill(NEW_ORGANIZATION);
  await page.getByLabel("Your first name").fill("Ada");
  await page.getByLabel("Your last name").fill("Admin");
  await page.getByRole("button", { name: "Create organization" }).click();

  // It switches to the new organization, whose invitation setup comes first.
  await expect(page).toHaveURL(`${APP_URL}/settings`);
  await expect(switcher(page, NEW_ORGANIZATION)).toBeVisible();
  await page.goto("/users");
  await expect(page.getByRole("link", { name: "Set up user invitations" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Invite user" })).toHaveCount(0);
  await page.getByRole("link", { name: "Set up user invitations" }).click();
  await expect(page.getByLabel("Organization name")).toHaveValue(NEW_ORGANIZATION);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Invitation setup saved.")).toBeVisible();
  await invitePeople(page, [theirs]);
  await page.goto("/settings/api-keys");
  await page.getByLabel("Key name").fill(theirKey);
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("row").filter({ hasText: theirKey })).toBeVisible();

  // The setup's own session (another browser of the same admin) still works in our organization.
  const setupContext = await browser.newContext({ storageState: STORAGE_STATE });
  const setupPage = await setupContext.newPage();
  await setupPage.goto("/users");
  await expect(switcher(setupPage, ORGANIZATION_NAME)).toBeVisible();
  await setupContext.close();

  const inNew = await consoleOf(page);
  expect(inNew.users).toContain(theirs.email);
  expect(inNew.users).toContain(ADMIN_EMAIL); // its creator, its first admin row
  expect(inNew.exported).toContain(theirs.email);
  expect(inNew.activity).toContain("Organization created");
  expect(inNew.keys).toContain(theirKey);
  for (const [what, seen] of Object.entries(inNew)) {
    expect(seen, `${what} in ${NEW_ORGANIZATION}`).not.toContain(ours.email);
    expect(seen, `${what} in ${NEW_ORGANIZATION}`).not.toContain(ourHook);
  }
  // Our user's id, from the new organization: refused as any foreign id, and nothing happens to them.
  expect((await callAction(page, "resendInvitationsAction", { memberIds: [ourUserId] })).status()).toBe(404);
  expect((await callAction(page, "removeUsersAction", { memberIds: [ourUserId] })).status()).toBe(404);
  expect((await callAction(page, "copyInvitationLinkAction", { memberId: ourUserId })).status()).toBe(404);

  // Back, with the keyboard: the menu opens on the first organization, ours.
  await switcher(page, NEW_ORGANIZATION).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: NEW_ORGANIZATION })).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("menuitem", { name: ORGANIZATION_NAME })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${APP_URL}/users`);
  await expect(switcher(page, ORGANIZATION_NAME)).toBeVisible();

  const inOurs = await consoleOf(page);
  expect(inOurs.users).toContain(ours.email);
  expect(inOurs.exported).toContain(ours.email);
  expect(inOurs.webhooks).toContain(ourHook);
  for (const [what, seen] of Object.entries(inOurs)) {
    expect(seen, `${what} in ${ORGANIZATION_NAME}`).not.toContain(theirs.email);
    expect(seen, `${what} in ${ORGANIZATION_NAME}`).not.toContain(theirKey);
    expect(seen, `${what} in ${ORGANIZATION_NAME}`).not.toContain(NEW_ORGANIZATION);
  }
  // The refused calls changed nothing: our user is still Pending.
  await page.goto(`/users?q=${encodeURIComponent(ours.email)}`);
  await expect(page.getByRole("row").filter({ hasText: ours.email }).getByText("Pending")).toBeVisible();
  await context.close();
});
