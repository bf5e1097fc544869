import { expect, test } from "@playwright/test";
import { APP_URL, ORGANIZATION_NAME } from "./support/environment";
import { emailsTo, waitForEmail } from "./support/mailbox";
import { serverActionsOfBuild } from "./support/server-actions";

/**
 * A server action is a public POST endpoint. Replayed without a session cookie, each admin action
 * must answer that the caller is not signed in, and change nothing.
 */
const target = { first: "Tess", last: "Target", email: "tess.target@example.com" };
const intruder = "intruder@example.com";

const payloadFor = (name: string, memberId: string): unknown => {
  const payloads: Record<string, unknown> = {
    inviteUsersAction: { rows: [{ firstName: "In", lastName: "Truder", email: intruder }] },
    resendInvitationsAction: { memberIds: [memberId] },
    removeUsersAction: { memberIds: [memberId] },
    saveInvitationSettingsAction: { organizationName: "Hijacked Inc", validityDays: "1" },
  };
  if (!(name in payloads)) throw new Error(`Add an anonymous-call payload for the new admin action ${name}`);
  return payloads[name];
};

test("every admin server action, called over HTTP without a session, changes nothing", async ({ page, playwright }) => {
  await page.goto("/users/invite");
  await page.getByLabel("First name").fill(target.first);
  await page.getByLabel("Last name").fill(target.last);
  await page.getByLabel("Email address").fill(target.email);
  await page.getByRole("button", { name: "Send invite" }).click();
  const row = page.getByRole("row").filter({ hasText: target.email });
  await expect(row).toBeVisible();
  const memberId = (await row.getAttribute("data-user-id"))!;
  await waitForEmail(page.request, target.email); // delivered in the background; count only once it is in
  const emailsBefore = (await emailsTo(page.request, target.email)).length;

  const adminActions = serverActionsOfBuild().filter((action) => /^app\/\(console\)\/.*actions\.ts$/.test(action.file));
  expect(adminActions.map((action) => action.name).sort()).toEqual(
    ["inviteUsersAction", "removeUsersAction", "resendInvitationsAction", "saveInvitationSettingsAction"].sort(),
  );

  const anonymous = await playwright.request.newContext({ baseURL: APP_URL, storageState: { cookies: [], origins: [] } });
  for (const action of adminActions) {
    const response = await anonymous.post(action.pagePath, {
      headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: APP_URL, "Content-Type": "text/plain;charset=UTF-8" },
      data: JSON.stringify([payloadFor(action.name, memberId)]),
    });
    expect(response.status(), action.name).toBeLessThan(500);
    expect(await response.text(), action.name).toContain("You are not signed in as an admin");
  }
  await anonymous.dispose();

  await page.reload();
  await expect(row.getByText("Pending")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: intruder })).toHaveCount(0);
  await expect(page.getByText(`People invited to ${ORGANIZATION_NAME}`)).toBeVisible();
  expect(await emailsTo(page.request, target.email)).toHaveLength(emailsBefore);
  expect(await emailsTo(page.request, intruder)).toHaveLength(0);
});
