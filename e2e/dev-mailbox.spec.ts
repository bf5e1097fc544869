import { expect, test, type Page } from "@playwright/test";
import { ADMIN_EMAIL } from "./support/environment";
import { pressSignIn, SIGN_IN_LINK } from "./support/sign-in";

/** A fresh machine with no email account: sign in and invite through the development mailbox. */
const newestEmail = (page: Page, subject: string) => page.getByRole("article", { name: subject }).first();

test("sign in, invite and join using only /dev/mailbox", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: "development mailbox" }).click();

  const signInEmail = newestEmail(page, `Email to ${ADMIN_EMAIL}: Your Roster sign-in link`);
  await signInEmail.getByRole("link", { name: SIGN_IN_LINK }).click();
  await pressSignIn(page);
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Set up user invitations" }).click();
  await page.getByLabel("Organization name").fill("Mailbox Co");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Invitation setup saved.")).toBeVisible();

  await page.goto("/users/invite");
  await page.getByLabel("First name").fill("Mia");
  await page.getByLabel("Last name").fill("Mailbox");
  await page.getByLabel("Email address").fill("mia@example.com");
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText("Invitation queued for 1 user.")).toBeVisible();

  await page.goto("/dev/mailbox");
  const invitation = newestEmail(page, "Email to mia@example.com: You're invited to join Mailbox Co");
  await expect(invitation.frameLocator("iframe").getByText("admin@example.com invited you to join Mailbox Co.", { exact: true })).toBeVisible();
  await invitation.getByRole("link", { name: /\/join\// }).click();
  await page.getByRole("button", { name: "Join Mailbox Co" }).click();
  await expect(page.getByRole("heading", { name: "Welcome to Mailbox Co" })).toBeVisible();

  await page.goto("/users");
  await expect(page.getByRole("row").filter({ hasText: "mia@example.com" }).getByText("Enrolled")).toBeVisible();
});
