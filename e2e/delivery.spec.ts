import { expect, test } from "@playwright/test";
import { CRON_SECRET } from "./support/environment";
import { invitePeople } from "./support/invite";
import { emailsTo } from "./support/mailbox";

test("an invitation the provider refuses shows Delivery failed in the table", async ({ page }) => {
  const refused = { first: "Rita", last: "Refused", email: "rita+reject@example.com" };
  await invitePeople(page, [refused]);
  const row = page.getByRole("row").filter({ hasText: refused.email });
  await expect(row.getByText("Pending")).toBeVisible();
  // Delivery happens in the background, right after the invitation commits.
  await expect(async () => {
    await page.reload();
    await expect(row.getByText("Delivery failed")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  expect(await emailsTo(page.request, refused.email)).toHaveLength(0);
});

test("the scheduler route delivers only with the cron secret", async ({ request }) => {
  expect((await request.post("/api/cron/deliver")).status()).toBe(401);
  expect((await request.post("/api/cron/deliver", { headers: { Authorization: "Bearer wrong" } })).status()).toBe(401);
  const response = await request.post("/api/cron/deliver", { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ sent: expect.any(Number), failed: expect.any(Number) });
});
