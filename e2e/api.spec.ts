import { expect, test, type APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from "@/test/support/fake-webhook-receiver";
import { APP_URL, ORGANIZATION_NAME, WEBHOOK_RECEIVER_PORT } from "./support/environment";
import { linkIn, waitForEmail } from "./support/mailbox";

/**
 * The REST API as a developer meets it: a key made on the API keys page (its secret read once),
 * users invited, listed, changed and removed over HTTP, one of them joining through the emailed link,
 * and the key revoked in the console, after which it is refused. A webhook endpoint added on the
 * Webhooks page receives each change as a signed event, verified with standardwebhooks.
 */
const ada = { firstName: "Ada", lastName: "Api", email: "ada.api-journey@example.com" };
const bob = { firstName: "Bob", lastName: "Api", email: "bob.api-journey@example.com" };
const carl = { firstName: "Carl", lastName: "Api", email: "carl.api-journey@example.com" };

type User = { id: string; email: string; role: string; status: string };
type UserEvent = { type: string; timestamp: string; data: { organizationId: string; user: User } };

let receiver: FakeWebhookReceiver;
test.beforeAll(async () => {
  // A port of its own: e2e/webhooks.spec.ts counts what its receiver gets, and set faults on it.
  receiver = await startFakeWebhookReceiver({ port: WEBHOOK_RECEIVER_PORT + 1 });
});
test.afterAll(async () => {
  await receiver.stop();
});

const HOOK_PATH = "/api-journey-hooks";

/** The events this journey's endpoint received for an address, each checked against its signature first. */
function eventsFor(signingSecret: string, email: string, type: string): UserEvent[] {
  return receiver.received
    .filter((request) => request.path === HOOK_PATH)
    .map((request) => new Webhook(signingSecret).verify(request.body, request.headers) as UserEvent)
    .filter((event) => event.type === type && event.data.user.email === email);
}

test("create a key, invite, join, remove, list with a cursor, change a role, revoke", async ({ page, playwright }) => {
  let secret = "";
  await test.step("API keys page: Create API key shows the secret once", async () => {
    await page.goto("/settings");
    const nav = page.getByRole("navigation", { name: "Console" });
    await nav.getByRole("link", { name: "API keys" }).click();
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await expect(nav.getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "User invitations" })).not.toHaveAttribute("aria-current", "page");

    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByText("Enter a key name.")).toBeVisible();
    await page.getByLabel("Key name").fill("E2E journey");
    await page.getByRole("button", { name: "Create API key" }).click();
    const created = page.getByRole("region", { name: "New API key" });
    await expect(created.getByText("it will not be shown again")).toBeVisible();
    await expect(created.getByRole("button", { name: "Copy" })).toBeVisible();
    secret = await created.getByLabel("New API key").inputValue();
    expect(secret).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("row").filter({ hasText: "E2E journey" }).getByText("Never")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("region", { name: "New API key" })).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);
  });

  let signingSecret = "";
  await test.step("Webhooks page: Add endpoint for the user events shows its signing secret", async () => {
    await page.goto("/settings/webhooks");
    await page.getByLabel("Endpoint URL").fill(receiver.url(HOOK_PATH));
    for (const event of ["user.invited", "user.enrolled", "user.removed", "user.role_changed"]) await page.getByLabel(event).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    signingSecret = await page.getByLabel("Signing secret").inputValue();
    expect(signingSecret).toMatch(/^whsec_/);
  });

  const api: APIRequestContext = await playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${secret}`, "x-forwarded-for": "198.51.100.88" },
  });

  let users: User[] = [];
  await test.step("POST /api/v1/users invites three users", async () => {
    const response = await api.post("/api/v1/users", { data: { users: [ada, bob, { ...carl, role: "member" }] }, headers: { "Idempotency-Key": "e2e-api-journey" } });
    expect(response.status()).toBe(201);
    users = ((await response.json()) as { data: User[] }).data;
    expect(users.map((user) => [user.email, user.role, user.status])).toEqual([
      [ada.email, "member", "pending"],
      [bob.email, "member", "pending"],
      [carl.email, "member", "pending"],
    ]);
    // The same key and body: the first answer again, nobody invited twice.
    const replay = await api.post("/api/v1/users", { data: { users: [ada, bob, { ...carl, role: "member" }] }, headers: { "Idempotency-Key": "e2e-api-journey" } });
    expect(replay.status()).toBe(201);
    expect(replay.headers()["idempotent-replayed"]).toBe("true");
    // Each invited user is announced once, signed, as the API showed them (the replay announced nothing).
    for (const user of users) {
      await expect.poll(() => eventsFor(signingSecret, user.email, "user.invited").length).toBe(1);
      const [event] = eventsFor(signingSecret, user.email, "user.invited");
      expect(event!.data.user).toMatchObject({ id: user.id, email: user.email, status: "pending", role: "member" });
    }
  });
  const [adaUser, bobUser, carlUser] = users as [User, User, User];

  await test.step("Ada joins through the emailed link, whose email names no person as the inviter", async () => {
    const email = await waitForEmail(api, ada.email);
    expect(email.text).toContain(`You are invited to join ${ORGANIZATION_NAME}.`);
    const invitee = await page.context().browser()!.newContext();
    const invitePage = await invitee.newPage();
    await invitePage.goto(linkIn(email, /\/join\//));
    await invitePage.getByRole("button", { name: `Join ${ORGANIZATION_NAME}` }).click();
    await expect(invitePage.getByRole("heading", { name: `Welcome to ${ORGANIZATION_NAME}` })).toBeVisible();
    await invitee.close();
    const read = await api.get(`/api/v1/users/${adaUser.id}`);
    expect(((await read.json()) as { data: User }).data.status).toBe("enrolled");
    await expect.poll(() => eventsFor(signingSecret, ada.email, "user.enrolled").length).toBe(1);
    expect(eventsFor(signingSecret, ada.email, "user.enrolled")[0]!.data.user).toMatchObject({ id: adaUser.id, status: "enrolled" });
    const resend = await api.post(`/api/v1/users/${adaUser.id}/resend`);
    expect(resend.status()).toBe(409);
    expect(resend.headers()["content-type"]).toBe("application/problem+json");
  });

  await test.step("DELETE /api/v1/users/{id} removes Bob", async () => {
    const removed = await api.delete(`/api/v1/users/${bobUser.id}`);
    expect(removed.status()).toBe(204);
    expect(await removed.text()).toBe("");
    expect((await api.get(`/api/v1/users/${bobUser.id}`)).status()).toBe(404);
    await expect.poll(() => eventsFor(signingSecret, bob.email, "user.removed").length).toBe(1);
    expect(eventsFor(signingSecret, bob.email, "user.removed")[0]!.data.user.id).toBe(bobUser.id);
  });

  await test.step("GET /api/v1/users pages with a cursor, newest invited first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: string = `q=api-journey&limit=1${cursor ? `&cursor=${cursor}` : ""}`;
      const response = await api.get(`/api/v1/users?${query}`);
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { data: User[]; nextCursor: string | null };
      expect(body.data.length).toBeLessThanOrEqual(1);
      seen.push(...body.data.map((user) => user.email));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual([ada.email, carl.email].sort());
    expect(cursor).toBeNull();
    expect((await api.get("/api/v1/users?cursor=not-ours")).status()).toBe(422);
  });

  await test.step("PATCH /api/v1/users/{id} makes Carl an admin, shown in the console", async () => {
    const response = await api.patch(`/api/v1/users/${carlUser.id}`, { data: { role: "admin" } });
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { data: User }).data.role).toBe("admin");
    await expect.poll(() => eventsFor(signingSecret, carl.email, "user.role_changed").length).toBe(1);
    expect(eventsFor(signingSecret, carl.email, "user.role_changed")[0]!.data.user).toMatchObject({ id: carlUser.id, role: "admin" });
    await page.goto("/activity");
    await expect(page.getByRole("row").filter({ hasText: "Role changed" }).filter({ hasText: "API key “E2E journey”" }).first()).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "API key created" }).first()).toBeVisible();
  });

  await test.step("the key is revoked in the console and refused from then on", async () => {
    await page.goto("/settings/api-keys");
    const row = page.getByRole("row").filter({ hasText: "E2E journey" });
    await expect(row.getByText("Never")).toHaveCount(0); // its last use is shown
    await row.getByRole("button", { name: "Revoke" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByText("Revoke API key “E2E journey”?")).toBeVisible();
    await dialog.getByRole("button", { name: "Revoke" }).click();
    // While the dialog is open, the page behind it is hidden from the accessibility tree: wait for it to close.
    await expect(page.getByText("API key “E2E journey” revoked.")).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Keys", exact: true })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "E2E journey" })).toHaveCount(0);
    const refused = await api.get("/api/v1/users");
    expect(refused.status()).toBe(401);
    expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer/);
    await page.goto("/activity");
    await expect(page.getByRole("row").filter({ hasText: "API key revoked" }).first()).toBeVisible();
  });

  await test.step("the webhook endpoint is removed: what other specs change is not sent to a receiver that is gone", async () => {
    await page.goto("/settings/webhooks");
    await page.getByRole("row").filter({ hasText: HOOK_PATH }).getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await expect(page.getByRole("row").filter({ hasText: HOOK_PATH })).toHaveCount(0);
  });
  await api.dispose();
});
