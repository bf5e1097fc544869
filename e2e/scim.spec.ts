import { expect, test } from "@playwright/test";
import { APP_URL } from "./support/environment";
import { linkIn, waitForEmail } from "./support/mailbox";
import { apiKeyPrincipals } from "./support/principals";

/**
 * An identity provider provisioning a user over SCIM, as the admin and the invitee see it: a POST
 * /scim/v2/Users makes the user appear as Pending in the Users table and the invitation arrive at the
 * provider (the fake Resend), and PATCH active:false makes the emailed link stop working.
 */
const person = { userName: "Sam.Scim-Journey@example.com", givenName: "Sam", familyName: "Scim" };

test("SCIM POST invites (Pending, email through Resend); PATCH active false revokes the link", async ({ page, playwright }) => {
  const idp = await playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${apiKeyPrincipals.ours.secret}`, "x-forwarded-for": "198.51.100.93", "Content-Type": "application/scim+json" },
  });
  const address = person.userName.toLowerCase();

  const created = await idp.post("/scim/v2/Users", {
    data: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: person.userName,
      name: { givenName: person.givenName, familyName: person.familyName },
      emails: [{ value: person.userName, type: "work", primary: true }],
      externalId: "00u-scim-journey",
      active: true,
    },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-type"]).toBe("application/scim+json");
  const user = (await created.json()) as { id: string; userName: string; active: boolean };
  expect(user).toMatchObject({ userName: person.userName, active: true });

  await test.step("the user is Pending in the Users table, and the Activity log names the key", async () => {
    // The Users table searched for the address, as its URL keeps the search.
    await page.goto(`/users?q=${encodeURIComponent(address)}`);
    await expect(page.getByRole("searchbox", { name: "Search users" })).toHaveValue(address);
    const row = page.getByRole("row").filter({ hasText: address });
    await expect(row).toContainText("Sam Scim");
    await expect(row.getByText("Pending")).toBeVisible();
    await page.goto("/activity");
    await expect(page.getByRole("row").filter({ hasText: "User invited" }).filter({ hasText: `API key “${apiKeyPrincipals.ours.name}”` }).first()).toBeVisible();
  });

  const email = await waitForEmail(page.request, address);
  const joinLink = linkIn(email, /\/join\//);

  await test.step("the invitation arrived through Resend and its link opens the join page", async () => {
    const invitee = await page.context().browser()!.newContext();
    const invitePage = await invitee.newPage();
    await invitePage.goto(joinLink);
    await expect(invitePage.getByRole("button", { name: /^Join / })).toBeVisible();
    await invitee.close();
  });

  await test.step("PATCH active:false (as Entra ID sends it) removes the user: the link says it was withdrawn", async () => {
    const patched = await idp.patch(`/scim/v2/Users/${user.id}`, {
      data: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] },
    });
    expect(patched.status()).toBe(200);
    expect(await patched.json()).toMatchObject({ id: user.id, active: false });
    expect((await idp.get(`/scim/v2/Users/${user.id}`)).status()).toBe(404);

    const invitee = await page.context().browser()!.newContext();
    const invitePage = await invitee.newPage();
    await invitePage.goto(joinLink);
    await expect(invitePage.getByText("Your organization removed this invitation, so the link no longer works.")).toBeVisible();
    await expect(invitePage.getByRole("button", { name: /^Join / })).toHaveCount(0);
    await invitee.close();

    await page.goto(`/users?q=${encodeURIComponent(address)}`);
    await expect(page.getByRole("searchbox", { name: "Search users" })).toHaveValue(address);
    await expect(page.getByRole("row").filter({ hasText: address })).toHaveCount(0);
  });
  await idp.dispose();
});
