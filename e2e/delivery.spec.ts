import { expect, test } from "@playwright/test";
import { invitePeople } from "./support/invite";
import { emailsTo } from "./support/mailbox";

test("an invitation the provider refuses shows Delivery failed in the table", async ({ page }) => {
  const refused = { first: "Rita", last: "Refused", email: "rita+reject@example.com" };
  await invitePeople(page, [refused]);
  const row = page.getByRole("row").filter({ hasText: refused.email });
  await expect(row.getByText("Pending")).toBeVisible();
  await expect(row.getByText("Delivery failed")).toBeVisible();
  expect(await emailsTo(page.request, refused.email)).toHaveLength(0);
});
