import { expect, type Page } from "@playwright/test";

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
  await expect(page.getByText(people.length === 1 ? "Invitation sent to 1 user." : `Invitations sent to ${people.length} users.`)).toBeVisible();
}
