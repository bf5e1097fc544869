import { expect, test, type Page } from "@playwright/test";
import { ADMIN_EMAIL, APP_URL, ORGANIZATION_NAME } from "./support/environment";
import { invitePeople } from "./support/invite";
import { emailsTo, linkIn, waitForEmail } from "./support/mailbox";
import { signInWithLink } from "./support/sign-in";

/**
 * The seed's procedures in order, as an admin and two invitees live them (invitations were set up
 * by global.setup.ts): invite two users with Add another user, join as one, resend to the other, remove, invite again.
 */
const organizationName = ORGANIZATION_NAME;
const ada = { first: "Ada", last: "Lovelace", email: "ada.journey@example.com" };
const bob = { first: "Bob", last: "Builder", email: "bob.journey@example.com" };

async function openAsInvitee(page: Page, link: string) {
  const invitee = await page.context().browser()!.newContext();
  const invitePage = await invitee.newPage();
  await invitePage.goto(link);
  return invitePage;
}

const rowOf = (page: Page, email: string) => page.getByRole("row").filter({ hasText: email });

test("invite two users, join, resend, remove and invite again", async ({ page, request }) => {
  await test.step("Invite user, Add another user, Send invite", async () => {
    await page.goto("/users");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    await page.getByRole("link", { name: "Invite user" }).first().click();
    await page.getByLabel("First name").fill(ada.first);
    await page.getByLabel("Last name").fill(ada.last);
    await page.getByLabel("Email address").fill(ada.email);
    await page.getByRole("button", { name: "Add another user" }).click();
    const second = page.getByRole("group", { name: "User 2" });
    await second.getByLabel("First name").fill(bob.first);
    await second.getByLabel("Last name").fill(bob.last);
    await second.getByLabel("Email address").fill(` ${bob.email.toUpperCase()} `);
    await page.getByRole("button", { name: "Send invite" }).click();
    await expect(page.getByText("Invitations queued for 2 users.")).toBeVisible();
    await expect(page).toHaveURL(/\/users$/);
    await expect(rowOf(page, ada.email).getByText("Pending")).toBeVisible();
    await expect(rowOf(page, bob.email).getByText("Pending")).toBeVisible();
  });

  const adaEmail = await waitForEmail(request, ada.email);
  const firstBobEmail = await waitForEmail(request, bob.email);

  await test.step("the invitation email names the organization and inviter, with message, link, expiry and Reply-To", async () => {
    expect(adaEmail.subject).toBe(`You're invited to join ${organizationName}`);
    expect(adaEmail.replyTo).toEqual(["people@acme.test"]);
    expect(adaEmail.text).toContain("admin@example.com invited you to join Acme Robotics.");
    expect(adaEmail.text).toContain("Welcome to the team! <b>Not bold</b>");
    expect(adaEmail.text).toMatch(/This invitation expires on \d{1,2} \w+ \d{4}\./);
    expect(adaEmail.html).toContain("Welcome to the team! &lt;b&gt;Not bold&lt;/b&gt;");
    expect(adaEmail.html).toContain(linkIn(adaEmail, /\/join\//));
  });

  await test.step("Ada opens her link and joins", async () => {
    const invitePage = await openAsInvitee(page, linkIn(adaEmail, /\/join\//));
    await expect(invitePage.getByRole("heading", { name: organizationName })).toBeVisible();
    await expect(invitePage.getByText(`${ada.first} ${ada.last}`)).toBeVisible();
    await expect(invitePage.getByText(ada.email)).toBeVisible();
    await expect(invitePage.getByText("Welcome to the team! <b>Not bold</b>")).toBeVisible();
    await invitePage.getByRole("button", { name: `Join ${organizationName}` }).click();
    await expect(invitePage.getByRole("heading", { name: `Welcome to ${organizationName}` })).toBeVisible();
    await invitePage.reload();
    await expect(invitePage.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
    await invitePage.context().close();

    await page.reload();
    await expect(rowOf(page, ada.email).getByText("Enrolled")).toBeVisible();
  });

  await test.step("Resend invitation to Bob: the old link dies, the new one works", async () => {
    await page.getByRole("checkbox", { name: `Select ${bob.email}` }).check();
    await page.getByRole("button", { name: "Resend invitation" }).click();
    await expect(page.getByText(`Invitation resent to ${bob.email}.`)).toBeVisible();
    const secondBobEmail = await waitForEmail(request, bob.email, 2);

    const oldLinkPage = await openAsInvitee(page, linkIn(firstBobEmail, /\/join\//));
    await expect(oldLinkPage.getByRole("heading", { name: "This invitation link was replaced by a newer one" })).toBeVisible();
    await expect(oldLinkPage.getByRole("link", { name: "people@acme.test" })).toBeVisible();
    await oldLinkPage.context().close();

    const newLinkPage = await openAsInvitee(page, linkIn(secondBobEmail, /\/join\//));
    await expect(newLinkPage.getByRole("button", { name: `Join ${organizationName}` })).toBeVisible();
    await newLinkPage.context().close();
  });

  await test.step("Resend skips an Enrolled user and says so", async () => {
    await page.getByRole("checkbox", { name: `Select ${ada.email}` }).check();
    await page.getByRole("button", { name: "Resend invitation" }).click();
    await expect(page.getByText(`Skipped ${ada.email}: already enrolled`)).toBeVisible();
  });

  await test.step("Remove user, Remove: Bob leaves the table and his link stops working", async () => {
    const newestBobEmail = await waitForEmail(request, bob.email, 2);
    await page.getByRole("checkbox", { name: `Select ${bob.email}` }).check();
    await page.getByRole("button", { name: "Remove user" }).click();
    const dialog = page.getByRole("dialog", { name: `Remove ${bob.first} ${bob.last}?` });
    await expect(dialog.getByText(bob.email)).toBeVisible();
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText(`Removed ${bob.email}.`)).toBeVisible();
    await expect(rowOf(page, bob.email)).toHaveCount(0);

    const revokedPage = await openAsInvitee(page, linkIn(newestBobEmail, /\/join\//));
    await expect(revokedPage.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();
    await revokedPage.context().close();
  });

  await test.step("a removed user can be invited again", async () => {
    await page.getByRole("link", { name: "Invite user" }).first().click();
    await page.getByLabel("First name").fill(bob.first);
    await page.getByLabel("Last name").fill(bob.last);
    await page.getByLabel("Email address").fill(bob.email);
    await page.getByRole("button", { name: "Send invite" }).click();
    await expect(page.getByText("Invitation queued for 1 user.")).toBeVisible();
    await expect(rowOf(page, bob.email).getByText("Pending")).toBeVisible();
    const thirdBobEmail = await waitForEmail(request, bob.email, 3);
    const invitePage = await openAsInvitee(page, linkIn(thirdBobEmail, /\/join\//));
    await invitePage.getByRole("button", { name: `Join ${organizationName}` }).click();
    await expect(invitePage.getByRole("heading", { name: `Welcome to ${organizationName}` })).toBeVisible();
    await invitePage.context().close();
  });
});

test("an unknown join link says so plainly, never a 500", async ({ page }) => {
  const response = await page.goto("/join/not-a-real-token");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
});

test("without JavaScript an invitee joins: Join posts the form, the page says Welcome, the Users table says Enrolled", async ({ page, browser, request }) => {
  const nia = { first: "Nia", last: "Noscript", email: "nia.noscript@example.com" };
  await invitePeople(page, [nia]);
  const link = linkIn(await waitForEmail(request, nia.email), /\/join\//);
  const context = await browser.newContext({ baseURL: APP_URL, javaScriptEnabled: false });
  const [invitee, secondTab] = [await context.newPage(), await context.newPage()];
  await invitee.goto(link);
  await secondTab.goto(link);

  await invitee.getByRole("button", { name: `Join ${organizationName}` }).click();
  await expect(invitee.getByRole("heading", { name: `Welcome to ${organizationName}` })).toBeVisible();
  await expect(invitee.getByText("You have joined the organization. Sign in to see your organizations.")).toBeVisible();
  await page.reload();
  await expect(rowOf(page, nia.email).getByText("Enrolled")).toBeVisible();

  // The tab opened before joining still shows the button; pressing it says plainly what happened.
  await secondTab.getByRole("button", { name: `Join ${organizationName}` }).click();
  await expect(secondTab.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();

  await invitee.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(invitee.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await expect(invitee.getByLabel("Email")).toHaveValue(nia.email);
  await context.close();
});

test("without JavaScript an admin can still ask for a sign-in link and use it", async ({ browser, request }) => {
  const context = await browser.newContext({ baseURL: APP_URL, javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });
  const visitor = await context.newPage();
  const earlier = (await emailsTo(request, ADMIN_EMAIL)).length;
  await visitor.goto("/sign-in");
  await visitor.getByLabel("Email").fill(ADMIN_EMAIL);
  await visitor.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(visitor.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await signInWithLink(visitor, await waitForEmail(request, ADMIN_EMAIL, earlier + 1));
  // Signed in: the console's frame (its table streams in by script, so it is not awaited here).
  await expect(visitor.getByRole("button", { name: "Sign out" })).toBeVisible();
  await context.close();
});
