import { expect, test } from "@playwright/test";
import { fillInviteRows, invitePeople } from "./support/invite";
import { emailsTo } from "./support/mailbox";

test("a submission with any invalid row sends nothing, keeps every value and shows each error by its field", async ({ page }) => {
  const existing = "kept.once@example.com";
  await invitePeople(page, [{ first: "Kim", last: "Once", email: existing }]);

  const rows = [
    { first: "Lee", last: "Fine", email: "lee.fine@example.com" },
    { first: "", last: "Nameless", email: "nameless@example.com" },
    { first: "Kim", last: "Again", email: existing.toUpperCase() },
    { first: "Lee", last: "Twice", email: "LEE.FINE@example.com" },
    { first: "Bad", last: "Address", email: "not-an-address" },
  ];
  await fillInviteRows(page, rows);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByRole("group", { name: "User 2" }).getByText("Enter a first name.")).toBeVisible();
  await expect(page.getByRole("group", { name: "User 4" }).getByText("This address is listed twice.")).toBeVisible();
  await expect(page.getByRole("group", { name: "User 5" }).getByText("Enter a valid email address")).toBeVisible();

  // Fix the rows the browser can check; the server finds the address that is already a user.
  await page.getByRole("group", { name: "User 2" }).getByLabel("First name").fill("Nora");
  await page.getByRole("group", { name: "User 4" }).getByLabel("Email address").fill("lee.twice@example.com");
  await page.getByRole("group", { name: "User 5" }).getByLabel("Email address").fill("bad.address@example.com");
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByRole("group", { name: "User 3" }).getByText("already a user of this organization")).toBeVisible();
  await expect(page.getByText("Nothing was sent.")).toBeVisible();
  await expect(page.getByRole("group", { name: "User 1" }).getByLabel("Email address")).toHaveValue("lee.fine@example.com");
  expect(await emailsTo(page.request, "lee.fine@example.com")).toHaveLength(0);

  // Remove the offending row: now everything goes, in one transaction.
  await page.getByRole("button", { name: "Remove user 3 from the form" }).click();
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText("Invitations queued for 4 users.")).toBeVisible();
  for (const email of ["lee.fine@example.com", "nameless@example.com", "lee.twice@example.com", "bad.address@example.com"]) {
    await expect(page.getByRole("row").filter({ hasText: email })).toBeVisible();
  }
});

test("a CSV file fills the form, with its errors shown before anything is sent", async ({ page }) => {
  await page.goto("/users/invite");
  const csv = ["First name,Last name,Email", "Zoë,Ångström,zoe.csv@example.com", "李,小龙,li.csv@example.com", "Broken,Row,nope"].join("\n");
  await page.getByLabel("CSV file of users to invite").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("group", { name: "User 2" }).getByLabel("First name")).toHaveValue("李");
  await expect(page.getByRole("group", { name: "User 3" }).getByText("Enter a valid email address")).toBeVisible();
  expect(await emailsTo(page.request, "zoe.csv@example.com")).toHaveLength(0);

  await page.getByRole("group", { name: "User 3" }).getByLabel("Email address").fill("broken.csv@example.com");
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText("Invitations queued for 3 users.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "zoe.csv@example.com" })).toContainText("Zoë Ångström");
});
