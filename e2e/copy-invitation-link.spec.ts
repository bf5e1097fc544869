import { expect, test } from "@playwright/test";
import { APP_URL } from "./support/environment";
import { invitePeople } from "./support/invite";
import { emailsTo, linkIn, waitForEmail, waitForOutboxToDrain } from "./support/mailbox";

test("Copy invitation link makes a fresh link with no email, shown once; the emailed one stops working", async ({ page, browser }) => {
  const cora = { first: "Cora", last: "Copy", email: "cora.copy@example.com" };
  await invitePeople(page, [cora]);
  const emailed = linkIn(await waitForEmail(page.request, cora.email), /\/join\//);

  await page.goto(`/users?q=${encodeURIComponent(cora.email)}`);
  await page.getByRole("checkbox", { name: `Select ${cora.email}` }).check();
  await page.getByRole("button", { name: "Copy invitation link" }).click();
  const dialog = page.getByRole("dialog", { name: `Invitation link for ${cora.email}` });
  const field = dialog.getByLabel("Invitation link");
  await expect(field).toHaveValue(new RegExp(`^${APP_URL}/join/[A-Za-z0-9_-]{43}$`));
  await expect(field).not.toBeEditable();
  const copied = await field.inputValue();
  expect(copied).not.toBe(emailed);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP_URL });
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied);
  await dialog.getByRole("button", { name: "Done" }).click();

  // No email went out for it.
  await waitForOutboxToDrain(page.request);
  expect(await emailsTo(page.request, cora.email)).toHaveLength(1);

  // Shown once: nothing on the page holds it after the dialog closed, and a reload shows none.
  await page.reload();
  await expect(page.getByText(copied)).toHaveCount(0);

  // The invitee, with no session: the emailed link was replaced, the copied one joins.
  const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(emailed);
  await expect(inviteePage.getByText("This invitation link was replaced by a newer one")).toBeVisible();
  await inviteePage.goto(copied);
  await inviteePage.getByRole("button", { name: /^Join / }).click();
  await expect(inviteePage.getByRole("heading", { name: /^Welcome to / })).toBeVisible();
  await invitee.close();

  // Enrolled now: no link to copy.
  await page.goto(`/users?q=${encodeURIComponent(cora.email)}`);
  await page.getByRole("checkbox", { name: `Select ${cora.email}` }).check();
  await expect(page.getByRole("button", { name: "Copy invitation link" })).toBeDisabled();

  await page.goto("/activity?action=user.invitation_link_copied");
  await expect(page.getByRole("row").filter({ hasText: cora.email }).first()).toContainText("Invitation link copied");
});
