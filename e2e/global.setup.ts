import { expect, test as setup } from "@playwright/test";
import { ADMIN_EMAIL, ORGANIZATION_NAME, STORAGE_STATE } from "./support/environment";
import { waitForEmail } from "./support/mailbox";
import { signInWithLink } from "./support/sign-in";

// Runs first, on a fresh database: sign in, then the prerequisite of every procedure.

setup.describe.configure({ mode: "serial" });

setup("an admin signs in with an emailed link", async ({ page, request }) => {
  await page.goto("/users");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const email = await waitForEmail(request, ADMIN_EMAIL);
  expect(email.subject).toBe("Your Roster sign-in link");
  await signInWithLink(page, email);
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await page.context().storageState({ path: STORAGE_STATE });
});

setup("inviting needs Set up user invitations first, which shows a preview", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE_STATE });
  const page = await context.newPage();
  await page.goto("/users");
  await expect(page.getByRole("navigation", { name: "Console" }).getByText("Resources")).toBeVisible();
  await expect(page.getByRole("link", { name: "Invite user" })).toHaveCount(0);
  await page.getByRole("link", { name: "Set up user invitations" }).click();

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter the organization name.")).toBeVisible();

  await page.getByLabel("Organization name").fill(ORGANIZATION_NAME);
  await page.getByLabel("Contact email").fill("people@acme.test");
  await page.getByLabel("Custom message").fill("Welcome to the team! <b>Not bold</b>");
  await expect(page.getByText(`Subject: You're invited to join ${ORGANIZATION_NAME}`)).toBeVisible();
  const preview = page.frameLocator('iframe[title="Invitation email preview"]');
  await expect(preview.getByText("Welcome to the team! <b>Not bold</b>")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Invitation setup saved.")).toBeVisible();

  await page.goto("/users");
  await expect(page.getByRole("link", { name: "Set up user invitations" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Invite user" }).first()).toBeVisible();
  await context.close();
});
