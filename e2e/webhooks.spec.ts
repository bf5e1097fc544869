import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from "@/test/support/fake-webhook-receiver";
import { WEBHOOK_RECEIVER_PORT } from "./support/environment";
import { invitePeople } from "./support/invite";

/**
 * Webhooks from the console: an endpoint added on the Webhooks page receives a signed user.invited
 * when the admin invites someone; its delivery log shows it; Resend sends it again.
 */
test.describe.configure({ mode: "serial" });

let receiver: FakeWebhookReceiver;
test.beforeAll(async () => {
  receiver = await startFakeWebhookReceiver({ port: WEBHOOK_RECEIVER_PORT });
});
test.afterAll(async () => {
  await receiver.stop();
});

type Payload = { type: string; timestamp: string; data: { organizationId: string; user: { email: string; status: string } } };

// Only what reached this spec's endpoint: other specs' endpoints may point at the same receiver port.
const receivedFor = (email: string, type: string) =>
  receiver.received.filter((request) => {
    if (request.path !== "/roster-hooks") return false;
    const payload = JSON.parse(request.body) as Payload;
    return payload.type === type && payload.data.user.email === email;
  });

test("the Add endpoint form refuses a missing URL, a URL with a password and no events, beside each field", async ({ page }) => {
  await page.goto("/settings/webhooks");
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "User invitations" })).not.toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("Enter the endpoint URL.")).toBeVisible();
  await expect(page.getByText("Choose at least one event.")).toBeVisible();
  await page.getByLabel("Endpoint URL").fill("https://user:secret@example.com/hooks");
  await page.getByLabel("user.removed").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText(/without a user name or password/)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "example.com/hooks" })).toHaveCount(0);
});

test("an endpoint receives a signed user.invited, its delivery log shows it, and Resend sends it again", async ({ page }) => {
  await page.goto("/settings/webhooks");
  const url = `http://127.0.0.1:${WEBHOOK_RECEIVER_PORT}/roster-hooks`;
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("user.invited").check();
  await page.getByLabel("invitation.resent").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secretField = page.getByLabel("Signing secret");
  await expect(secretField).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const secret = await secretField.inputValue();
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: url });
  await expect(row).toContainText("user.invited, invitation.resent");
  await expect(row.getByText("Active")).toBeVisible();
  // Shown once: a reload shows it no more.
  await page.reload();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  const invitee = { first: "Willa", last: "Webhook", email: "willa.webhook@example.com" };
  const startedAt = Date.now();
  await invitePeople(page, [invitee]);
  await expect.poll(() => receivedFor(invitee.email, "user.invited").length, { timeout: 15_000 }).toBe(1);
  const [request] = receivedFor(invitee.email, "user.invited");
  expect(request!.receivedAt - startedAt).toBeLessThan(10_000);
  expect(request!.path).toBe("/roster-hooks");
  const payload = new Webhook(secret).verify(request!.body, request!.headers) as Payload;
  expect(payload).toMatchObject({ type: "user.invited", data: { user: { email: invitee.email, status: "pending" } } });
  expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(request!.body, request!.headers)).toThrow();
  const webhookId = request!.headers["webhook-id"];

  await page.goto("/settings/webhooks");
  await page.getByRole("link", { name: url }).click();
  await expect(page.getByRole("heading", { name: url })).toBeVisible();
  const delivery = page.locator(`tr[data-webhook-id="${webhookId}"]`);
  await expect(delivery).toContainText("user.invited");
  await expect(delivery).toContainText("Delivered");
  await expect(delivery.getByRole("cell", { name: "200", exact: true })).toBeVisible();

  // The receiver fails now: Resend queues the delivery again, it fails, and is retried until answered.
  receiver.faults.failNext = 1;
  await delivery.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByText("Delivery queued again.")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(delivery.getByRole("cell", { name: "500", exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(delivery).toContainText("HTTP 500");
  await expect(delivery).toContainText("Pending");
  // The first retry is due about 5 s later.
  await expect(async () => {
    await page.reload();
    await expect(delivery).toContainText("Delivered", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(delivery.getByRole("cell", { name: "200", exact: true })).toBeVisible();
  await expect(delivery.getByRole("cell", { name: "2", exact: true })).toBeVisible(); // attempts since Resend
  const sameEvent = receiver.received.filter((one) => one.path === "/roster-hooks" && one.headers["webhook-id"] === webhookId);
  expect(sameEvent).toHaveLength(3);
  for (const one of sameEvent) expect(new Webhook(secret).verify(one.body, one.headers)).toEqual(payload);

  await page.goto("/activity");
  await expect(page.getByRole("row").filter({ hasText: "Webhook endpoint added" }).first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Webhook delivery resent" }).first()).toBeVisible();

  // Removed, with a confirmation: nothing more is sent to it.
  await page.goto("/settings/webhooks");
  await page.getByRole("row").filter({ hasText: url }).getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("row").filter({ hasText: url })).toHaveCount(0);
  const toThisEndpoint = () => receiver.received.filter((request) => request.path === "/roster-hooks").length;
  const before = toThisEndpoint();
  await invitePeople(page, [{ first: "Nora", last: "Nohook", email: "nora.nohook@example.com" }]);
  await page.waitForTimeout(3_000); // longer than the workers' 2 s poll, besides the wake-up after the invite
  expect(toThisEndpoint()).toBe(before);
});
