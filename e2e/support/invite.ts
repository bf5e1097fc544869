import { expect, type Page } from "@playwright/test";
import { linkIn, waitForEmail } from "./mailbox";

export type Person = { first: string; last: string; email: string; role?: "Member" | "Admin" };

/** Opens the invite form and fills one row per person, with Add another user between them. */
export async function fillInviteRows(page: Page, people: Person[]) {
  await page.goto("/users/invite");
  for (const [index, person] of people.entries()) {
    if (index > 0) await page.getByRole("button", { name: "Add another user" }).click();
    const row = page.getByRole("group", { name: `User ${index + 1}` });
    await row.getByLabel("First name").fill(person.first);
    await row.getByLabel("Last name").fill(person.last);
    await row.getByLabel("Email address").fill(person.email);
    if (person.role) await row.getByLabel("Role").selectOption({ label: person.role });
  }
}

/** Invites people through the form and waits for the confirmation. */
export async function invitePeople(page: Page, people: Person[]) {
  await fillInviteRows(page, people);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText(people.length === 1 ? "Invitation queued for 1 user." : `Invitations queued for ${people.length} users.`)).toBeVisible();
}

/** Invites people with a CSV file in the invite form (faster than typing rows) and waits for the confirmation. */
export async function invitePeopleFromCsv(page: Page, people: Person[]) {
  await page.goto("/users/invite");
  const csv = ["first name,last name,email", ...people.map((p) => `${p.first},${p.last},${p.email}`)].join("\n");
  await page.getByLabel("CSV file of users to invite").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The form reads the file asynchronously: pressing Send invite before its rows are in sends the empty row.
  await expect(page.getByText(`${people.length} rows added from people.csv.`)).toBeVisible();
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText(`Invitations queued for ${people.length} users.`)).toBeVisible();
}

/** The invitee at this address opens the emailed link and joins (in the page's own browser context). */
export async function joinFromEmail(page: Page, address: string) {
  const email = await waitForEmail(page.request, address);
  await page.goto(linkIn(email, /\/join\//));
  await page.getByRole("button", { name: /^Join / }).click();
  await expect(page.getByRole("heading", { name: /^Welcome to / })).toBeVisible();
}
