import { expect, test } from "@playwright/test";
import { APP_URL, STORAGE_STATE } from "./support/environment";
import { kilobytes, measureFirstLoadJs } from "./support/first-load-js";
import { invitePeople } from "./support/invite";
import { linkIn, waitForEmail } from "./support/mailbox";

/**
 * What each page may cost a visitor in JavaScript on first load (gzip, every script the page loads;
 * kB = 1,000 bytes). A bare Next.js 16.4.6 page with one client form measures 135.6 kB this way: the
 * public pages may add 6 kB to it, the Users page what its table, URL state and toasts need, with
 * the header's organization switcher, the Columns menu, the delivery health banner (181.2 kB on
 * 2026-12-02, from 180.5 kB) and a send's progress bar (182.0 kB).
 * Sizes are deterministic for a build, so unlike timings they are asserted. `npm run bench:http`
 * prints them for more pages.
 */
const BUDGETS = {
  signIn: 142_000,
  join: 142_000,
  users: 183_000,
};

function expectWithin(path: string, measured: { gzipBytes: number; scripts: { url: string; gzipBytes: number }[] }, budget: number) {
  const breakdown = [...measured.scripts]
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .map((script) => `  ${kilobytes(script.gzipBytes).padStart(9)} ${new URL(script.url).pathname}`)
    .join("\n");
  expect(measured.gzipBytes, `${path}: ${kilobytes(measured.gzipBytes)} of JavaScript, over its budget of ${kilobytes(budget)}:\n${breakdown}`).toBeLessThanOrEqual(budget);
}

test("the sign-in page stays within its JavaScript budget", async ({ page }) => {
  expectWithin("/sign-in", await measureFirstLoadJs(page, "/sign-in"), BUDGETS.signIn);
});

test.describe("signed in", () => {
  test.use({ storageState: STORAGE_STATE });

  test("the join page and the Users page stay within their JavaScript budgets", async ({ page, browser }) => {
    const invitee = { first: "Bud", last: "Get", email: "bud.get@example.com" };
    await invitePeople(page, [invitee]);
    const joinLink = linkIn(await waitForEmail(page.request, invitee.email), /\/join\//);

    // The invitee's browser: no session, nothing cached.
    const visitor = await browser.newContext();
    expectWithin("/join/<token>", await measureFirstLoadJs(await visitor.newPage(), joinLink), BUDGETS.join);
    await visitor.close();

    const admin = await browser.newContext({ baseURL: APP_URL, storageState: STORAGE_STATE });
    expectWithin("/users", await measureFirstLoadJs(await admin.newPage(), "/users"), BUDGETS.users);
    await admin.close();
  });
});
