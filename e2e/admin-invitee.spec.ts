import { expect, test } from "@playwright/test";
import { invitePeople } from "./support/invite";
import { emailsTo, linkIn, waitForEmail, waitForOutboxToDrain } from "./support/mailbox";
import { signInWithLink } from "./support/sign-in";

test("an invitee with the Admin role can sign in to the console once enrolled, not before", async ({ page, browser }) => {
  const ivy = { first: "Ivy", last: "Admin", email: "ivy.admin@example.com", role: "Admin" as const };
  await invitePeople(page, [ivy]);

  const ivyContext = await browser.newContext();
  const ivyPage = await ivyContext.newPage();
  const requestSignIn = async () => {
    await ivyPage.goto(new URL("/sign-in", page.url()).toString());
    await ivyPage.getByLabel("Email").fill(ivy.email);
    await ivyPage.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(ivyPage.getByRole("heading", { name: "Check your email" })).toBeVisible();
  };

  // Not enrolled yet: the same answer, and no sign-in email (only the invitation).
  await requestSignIn();
  await waitForOutboxToDrain(page.request);
  const invitation = await waitForEmail(page.request, ivy.email, 1);
  expect(invitation.subject).toContain("invited to join");
  expect(await emailsTo(page.request, ivy.email)).toHaveLength(1);

  await ivyPage.goto(linkIn(invitation, /\/join\//));
  await ivyPage.getByRole("button", { name: /^Join / }).click();
  await expect(ivyPage.getByRole("heading", { name: /^Welcome to / })).toBeVisible();

  await requestSignIn();
  const signInEmail = await waitForEmail(page.request, ivy.email, 2);
  expect(signInEmail.subject).toBe("Your Roster sign-in link");
  await signInWithLink(ivyPage, signInEmail);
  await expect(ivyPage.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await expect(ivyPage.getByText(ivy.email).first()).toBeVisible();
  await ivyContext.close();
});
