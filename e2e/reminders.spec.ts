import { expect, test, type Page } from "@playwright/test";
import { CRON_SECRET, ORGANIZATION_NAME } from "./support/environment";
import { expectNoSeriousViolations } from "./support/axe";
import { invitePeople } from "./support/invite";
import { emailsTo, linkIn, waitForEmail, waitForOutboxToDrain } from "./support/mailbox";

/** Saves the setup's validity and reminder fields as an admin does, on the setup page. */
async function saveSetup(page: Page, validityDays: string, reminder: string) {
  await page.goto("/settings");
  await page.getByLabel("Invitations are valid for (days)").fill(validityDays);
  await page.getByLabel("Send a reminder before the link expires").selectOption({ label: reminder });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Invitation setup saved.")).toBeVisible();
}

const shortDate = (date: Date) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);

test.afterEach(async ({ page }) => {
  // Back to what the other specs expect: links valid 30 days, reminders 3 days before.
  await saveSetup(page, "30", "3 days before");
});

test("a reminder goes out once, through Resend, with the same link, the table says Reminded, and the link still joins", async ({ page, browser }) => {
  await page.goto("/settings");
  const reminder = page.getByLabel("Send a reminder before the link expires");
  await expect(reminder).toHaveValue("3"); // the default
  await expect(reminder.locator("option")).toHaveText(["Off", "1 day before", ...Array.from({ length: 13 }, (_, index) => `${index + 2} days before`)]);
  await expectNoSeriousViolations(page);

  // Links valid 1 day with a reminder 1 day before: due as soon as the link is sent (the server's clock cannot be moved).
  await saveSetup(page, "1", "1 day before");
  await page.reload();
  await expect(page.getByLabel("Send a reminder before the link expires")).toHaveValue("1");

  const rita = { first: "Rita", last: "Reminder", email: "rita.reminder@example.com" };
  await invitePeople(page, [rita]);
  const invitation = await waitForEmail(page.request, rita.email);
  const link = linkIn(invitation, /\/join\//);

  // The scheduler's route runs the pass (the workers' own pass, once a minute, may have run it first).
  const cron = await page.request.post("/api/cron/deliver", { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
  expect(cron.status()).toBe(200);
  const reminderEmail = await waitForEmail(page.request, rita.email, 2);
  expect(reminderEmail.subject).toBe(`Reminder: you're invited to join ${ORGANIZATION_NAME}`);
  expect(reminderEmail.text).toContain(`Your invitation to join ${ORGANIZATION_NAME} expires on `);
  expect(linkIn(reminderEmail, /\/join\//)).toBe(link);
  expect(reminderEmail.html).toContain(link);

  // Once: another pass sends nothing more.
  await page.request.post("/api/cron/deliver", { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
  await waitForOutboxToDrain(page.request);
  expect(await emailsTo(page.request, rita.email)).toHaveLength(2);

  await page.goto(`/users?q=${encodeURIComponent(rita.email)}`);
  const row = page.locator("tr[data-user-id]").filter({ hasText: rita.email });
  await expect(row).toContainText(`Reminded ${shortDate(new Date())}`);

  await page.goto("/activity?action=user.invitation_reminded");
  await expect(page.getByRole("row").filter({ hasText: rita.email }).first()).toContainText("Reminder sent");

  // The invitee joins with the reminded link.
  const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link);
  await inviteePage.getByRole("button", { name: /^Join / }).click();
  await expect(inviteePage.getByRole("heading", { name: /^Welcome to / })).toBeVisible();
  await invitee.close();
  await page.goto(`/users?q=${encodeURIComponent(rita.email)}`);
  await expect(row).toContainText("Enrolled");
  await expect(row).not.toContainText("Reminded");
});

test("with reminders Off, a due link gets none", async ({ page }) => {
  await saveSetup(page, "1", "Off");
  const otto = { first: "Otto", last: "Off", email: "otto.off@example.com" };
  await invitePeople(page, [otto]);
  await waitForEmail(page.request, otto.email);
  await page.request.post("/api/cron/deliver", { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
  await waitForOutboxToDrain(page.request);
  expect(await emailsTo(page.request, otto.email)).toHaveLength(1);
});
