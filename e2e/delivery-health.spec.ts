import { expect, test } from "@playwright/test";
import { DELIVERY_HEALTH_APP_PORT, DELIVERY_HEALTH_RESEND_PORT } from "./support/environment";
import { invitePeople, type Person } from "./support/invite";
import { startInviteAppThroughFakeResend } from "../test/support/invite-app";

/**
 * Delivery health (SPEC): with the provider refusing the API key (403 invalid_api_key), the console
 * says "Email delivery is failing" on every page, no invitation is marked failed, and once the key
 * works again each queued invitation goes out exactly once and the banner goes away, without a
 * reload. On a server of its own with a fake Resend of its own, whose key the test refuses at will.
 */
const API_KEY = "re_test_delivery_health";
const people: Person[] = [
  { first: "Kira", last: "Keyless", email: "kira.keyless@example.com" },
  { first: "Otto", last: "Onhold", email: "otto.onhold@example.com" },
  { first: "Wanda", last: "Waiting", email: "wanda.waiting@example.com" },
];

let app: Awaited<ReturnType<typeof startInviteAppThroughFakeResend>>;
let resend: typeof app.resend;
const to = (address: string) => app.to(address);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  app = await startInviteAppThroughFakeResend(browser, {
    port: DELIVERY_HEALTH_APP_PORT,
    resendPort: DELIVERY_HEALTH_RESEND_PORT,
    dataDir: ".data/e2e-delivery-health-pglite",
    apiKey: API_KEY,
  });
  resend = app.resend;
});
test.afterAll(async () => {
  await app?.stop();
});

test("a refused API key shows 'Email delivery is failing' on every console page, fails no invitation, and each goes out once when the key works again", async () => {
  test.setTimeout(300_000);
  const { page } = app;
  const banner = page.getByRole("alert").filter({ hasText: "Email delivery is failing" });

  resend.faults.apiKeyRefused = true;
  await invitePeople(page, people);
  // Within a minute, without a reload: the banner reads the state again while the page is visible.
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect(banner).toHaveText(/^Email delivery is failing/);
  await expect(banner).toContainText("invalid_api_key (403): API key is invalid");
  await expect(banner).toContainText(/since \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
  await expect(banner).toContainText("none is marked failed");
  expect(await banner.textContent()).not.toContain(API_KEY);

  // The workers keep probing slowly (every 15 s), and still nothing is marked failed.
  const refusedBefore = resend.stats.requests;
  await expect.poll(() => resend.stats.requests, { timeout: 60_000 }).toBeGreaterThan(refusedBefore);
  for (const path of ["/activity", "/settings", "/users"]) {
    await page.goto(path);
    await expect(banner, path).toBeVisible();
  }
  for (const person of people) {
    const row = page.getByRole("row").filter({ hasText: person.email });
    await expect(row.getByText("Pending")).toBeVisible();
    await expect(row.getByText("Delivery failed")).toHaveCount(0);
  }
  const row = page.getByRole("row").filter({ hasText: people[0]!.email });
  await row.getByRole("button", { name: "Details" }).click();
  const details = page.getByRole("dialog", { name: "Delivery details" });
  await expect(details.getByText(`Invitation emails to ${people[0]!.email}`)).toBeVisible();
  await expect(details.getByRole("listitem").filter({ hasText: /^Queued/ })).toBeVisible();
  await expect(details.getByRole("listitem").filter({ hasText: /^Failed/ })).toHaveCount(0);
  await details.getByRole("button", { name: "Close" }).click();
  for (const person of people) expect(to(person.email), person.email).toHaveLength(0);

  // The key works again: each invitation arrives once, and the banner goes, without a reload.
  resend.faults.apiKeyRefused = false;
  await expect.poll(() => people.filter((person) => to(person.email).length > 0).length, { timeout: 60_000 }).toBe(people.length);
  await expect(banner).toBeHidden({ timeout: 60_000 });
  // Let a stray late send show itself before counting per address.
  await page.waitForTimeout(2_000);
  for (const person of people) expect(to(person.email), person.email).toHaveLength(1);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await expect(banner).toHaveCount(0);
});
