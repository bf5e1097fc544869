import { expect, test } from "@playwright/test";
import { emailsTo, waitForOutboxToDrain } from "./support/mailbox";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("console pages send anonymous visitors to the sign-in page", async ({ page }) => {
    for (const path of ["/users", "/users/invite", "/settings"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in$/);
    }
  });

  test("an address that is not an admin gets the same answer and no email", async ({ page, request }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("stranger@example.org");
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await waitForOutboxToDrain(request);
    expect(await emailsTo(request, "stranger@example.org")).toHaveLength(0);
  });

  test("an invalid address gets a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("not an address");
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
  });

  test("the development mailbox does not exist when mail goes through Resend", async ({ request }) => {
    expect((await request.get("/dev/mailbox")).status()).toBe(404);
  });
});
