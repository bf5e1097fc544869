import { expect, test } from "@playwright/test";
import { EXPORT_HEADER, exportCsv, readDownloadedCsv } from "./support/csv-download";
import { invitePeopleFromCsv, joinFromEmail } from "./support/invite";

/** Twelve people whose addresses share "exported.", so a search isolates them from other tests' users. */
const people = Array.from({ length: 12 }, (_, index) => {
  const n = String(index + 1).padStart(2, "0");
  return { first: `Exported${n}`, last: "Person", email: `exported.${n}@example.com` };
});
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

test("Export CSV downloads every row of the current search, filter and sort, not only the page", async ({ page }) => {
  await invitePeopleFromCsv(page, people);
  // One of them enrols, and so drops out of the Pending view.
  await joinFromEmail(page, "exported.05@example.com");

  await page.goto("/users?perPage=10");
  await page.getByRole("searchbox", { name: "Search users" }).fill("EXPORTED.");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("12 users · page 1 of 2")).toBeVisible();
  await page.getByRole("button", { name: "Pending", exact: true }).click();
  await expect(page.getByText("11 users · page 1 of 2")).toBeVisible();
  await page.getByRole("button", { name: /^Sort by email/ }).click();
  await expect(page).toHaveURL(/sort=email&dir=asc/);
  await page.getByRole("button", { name: /^Sort by email/ }).click();
  // Descending is the default direction, which the URL leaves out.
  await expect(page).toHaveURL(/sort=email$/);
  await expect(page.locator("tbody tr")).toHaveCount(10);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/users/export?q=EXPORTED.&status=pending&sort=email");

  const { header, records } = await readDownloadedCsv(await exportCsv(page));
  expect(header).toEqual(EXPORT_HEADER);
  const expected = people.filter((p) => p.email !== "exported.05@example.com").reverse();
  expect(records.map((record) => record[2])).toEqual(expected.map((p) => p.email));
  for (const [index, record] of records.entries()) {
    const [first, last, address, role, status, invited, expires, enrolled] = record;
    expect([first, last, address]).toEqual([expected[index]!.first, expected[index]!.last, expected[index]!.email]);
    expect([role, status]).toEqual(["Member", "Pending"]);
    expect(invited).toMatch(isoTime);
    expect(expires).toMatch(isoTime);
    expect(Date.parse(expires!)).toBeGreaterThan(Date.now());
    expect(enrolled).toBe("");
  }

  // The enrolled one, in the Enrolled view: an enrolment time and no expiry.
  await page.getByRole("button", { name: "Pending", exact: true }).click();
  await page.getByRole("button", { name: "Enrolled", exact: true }).click();
  await expect(page.getByText("1 user · page 1 of 1")).toBeVisible();
  const enrolledView = await readDownloadedCsv(await exportCsv(page));
  expect(enrolledView.records).toHaveLength(1);
  const [, , address, , status, , expires, enrolled] = enrolledView.records[0]!;
  expect([address, status, expires]).toEqual(["exported.05@example.com", "Enrolled", ""]);
  expect(enrolled).toMatch(isoTime);
});
