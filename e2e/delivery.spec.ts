import { expect, test } from "@playwright/test";
import { CRON_SECRET } from "./support/environment";
import { BOUNCE_REASON } from "./support/fake-resend-webhooks";
import { invitePeople } from "./support/invite";
import { emailsTo, waitForEmail, webhookDeliveriesTo } from "./support/mailbox";

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

  // Delivery details says why, in the provider's words.
  await row.getByRole("button", { name: "Details" }).click();
  const details = page.getByRole("dialog", { name: "Delivery details" });
  await expect(details.getByText(`Invitation emails to ${refused.email}`)).toBeVisible();
  await expect(details.getByRole("listitem").filter({ hasText: /^Failed/ })).toContainText("Invalid `to` field");
  await expect(details.getByRole("listitem").filter({ hasText: /^Queued/ })).toBeVisible();
  await details.getByRole("button", { name: "Close" }).click();
  await expect(details).toBeHidden();
});

test("the scheduler route delivers only with the cron secret", async ({ request }) => {
  expect((await request.post("/api/cron/deliver")).status()).toBe(401);
  expect((await request.post("/api/cron/deliver", { headers: { Authorization: "Bearer wrong" } })).status()).toBe(401);
  const response = await request.post("/api/cron/deliver", { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    sent: expect.any(Number),
    failed: expect.any(Number),
    webhooks: { succeeded: expect.any(Number), failed: expect.any(Number), queue: expect.stringMatching(/^(idle|busy)$/) },
  });
});

test("the provider's signed bounce webhook shows Bounced in the table, recorded once though delivered twice; a forged one is refused", async ({ page, request }) => {
  const bouncing = { first: "Bea", last: "Bounce", email: "bea+bounce@example.com" };
  await invitePeople(page, [bouncing]);
  const sent = await waitForEmail(request, bouncing.email);

  // The fake provider posts the event itself, signed, retried until answered 2xx, then once more.
  await expect
    .poll(async () => (await webhookDeliveriesTo(request, bouncing.email))[0]?.attempts.map((attempt) => outcomeOf(attempt.body)) ?? [], {
      timeout: 20_000,
    })
    .toEqual(expect.arrayContaining(["recorded", "duplicate"]));
  const [delivery] = await webhookDeliveriesTo(request, bouncing.email);
  expect(delivery).toMatchObject({ type: "email.bounced", emailId: sent.id });
  // Only "unknown email yet" (409, the event overtook the worker's bookkeeping) is ever asked to retry.
  expect(delivery!.attempts.filter((attempt) => attempt.status !== 200).every((attempt) => attempt.status === 409)).toBe(true);

  const body = JSON.stringify({ type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: sent.id } });
  const forged = await request.post("/api/webhooks/resend", {
    headers: { "svix-id": "msg_forged", "svix-timestamp": String(Math.floor(Date.now() / 1000)), "svix-signature": "v1,Zm9yZ2Vk", "content-type": "application/json" },
    data: body,
  });
  expect(forged.status()).toBe(401);

  await page.goto("/users");
  const row = page.getByRole("row").filter({ hasText: bouncing.email });
  await expect(row.getByText("Bounced")).toBeVisible();

  // Delivery details: sent with the provider's id, then bounced with the provider's reason, once.
  await row.getByRole("button", { name: "Details" }).click();
  const details = page.getByRole("dialog", { name: "Delivery details" });
  await expect(details.getByRole("listitem").filter({ hasText: /^Sent/ })).toContainText(`provider id ${sent.id}`);
  const bounced = details.getByRole("listitem").filter({ hasText: /^Bounced/ });
  await expect(bounced).toHaveCount(1);
  await expect(bounced).toContainText(BOUNCE_REASON.message);
  await page.keyboard.press("Escape");
  await expect(details).toBeHidden();
});

test("the health check reports the database and the outbox, as counts only", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["database", "oldestQueuedSeconds", "queued", "status"]);
  expect(body).toMatchObject({ status: "ok", database: "up", queued: expect.any(Number) });
  expect(body.oldestQueuedSeconds === null || typeof body.oldestQueuedSeconds === "number").toBe(true);
});

const outcomeOf = (body: string) => {
  try {
    return (JSON.parse(body) as { outcome?: string }).outcome ?? "none";
  } catch {
    return "none";
  }
};
