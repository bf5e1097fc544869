import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { CRON_SECRET, WEBHOOK_SECRET } from "./support/environment";
import { invitePeople } from "./support/invite";
import { emailsTo, waitForEmail } from "./support/mailbox";

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

test("a signed bounce webhook shows Bounced in the table; a bad signature is refused; a repeat is recorded once", async ({ page, request }) => {
  const bouncing = { first: "Bea", last: "Bounce", email: "bea.bounce@example.com" };
  await invitePeople(page, [bouncing]);
  const sent = await waitForEmail(request, bouncing.email);
  const body = JSON.stringify({ type: "email.bounced", created_at: new Date().toISOString(), data: { email_id: sent.id } });
  const sign = (id: string) => ({
    "svix-id": id,
    "svix-timestamp": String(Math.floor(Date.now() / 1000)),
    "svix-signature": new Webhook(WEBHOOK_SECRET).sign(id, new Date(), body),
    "content-type": "application/json",
  });
  const forged = await request.post("/api/webhooks/resend", { headers: { ...sign("msg_forged"), "svix-signature": "v1,Zm9yZ2Vk" }, data: body });
  expect(forged.status()).toBe(401);
  // The provider retries until we have recorded the email as sent (a webhook can overtake that).
  await expect
    .poll(async () => ((await (await request.post("/api/webhooks/resend", { headers: sign("msg_bounce_1"), data: body })).json()) as { outcome: string }).outcome)
    .toBe("recorded");
  const again = await request.post("/api/webhooks/resend", { headers: sign("msg_bounce_1"), data: body });
  expect(await again.json()).toMatchObject({ outcome: "duplicate" });

  await page.goto("/users");
  await expect(page.getByRole("row").filter({ hasText: bouncing.email }).getByText("Bounced")).toBeVisible();
});
