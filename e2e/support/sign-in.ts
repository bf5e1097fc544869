import { expect, type Page } from "@playwright/test";
import { emailsTo, linkIn, waitForEmail } from "./mailbox";
import type { RecordedEmail } from "./fake-resend-server";

/** The link a sign-in email carries: a page with a Sign in button (opening it spends nothing). */
export const SIGN_IN_LINK = /\/sign-in\/confirm\?/;

/** Opens the emailed sign-in link and presses Sign in, as a person does; returns the link. */
export async function signInWithLink(page: Page, email: RecordedEmail): Promise<string> {
  const link = linkIn(email, SIGN_IN_LINK);
  await page.goto(link);
  await pressSignIn(page);
  return link;
}

/** On an opened sign-in link's page: press Sign in, which uses the link. */
export async function pressSignIn(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/**
 * Signs this page's browser in as the address, as a person does: asks for a link on /sign-in, then
 * opens the link from the newest email and presses Sign in.
 */
export async function signInWithEmailedLink(page: Page, address: string) {
  const before = (await emailsTo(page.request, address)).length;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(address);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const email = await waitForEmail(page.request, address, before + 1);
  expect(email.subject).toBe("Your Roster sign-in link");
  await signInWithLink(page, email);
}
