import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { classifiedRoutes, classifiedServerActions, type ClassifiedAction, type Ids } from "./support/authorization-matrix";
import { APP_URL, FAKE_RESEND_URL, ORGANIZATION_NAME, STORAGE_STATE } from "./support/environment";
import { emailsTo, waitForEmail, waitForOutboxToDrain } from "./support/mailbox";
import { invitePeople } from "./support/invite";
import { principals, SESSION_COOKIE } from "./support/principals";

/**
 * Every server action and route handler of the build, called over HTTP by everyone who must not
 * use it: nobody signed in, signed-in non-admins, and an admin of another organization holding our
 * users' ids. Each is refused with a 4xx and nothing of our organization changes.
 */
// Serial on purpose: the matrix ends by calling the public sign-out action as every principal, which
// ends their sessions (written once, before the server starts), so the test that signs in as the
// other organization's admin must run before it, and after a failure the rest are skipped rather
// than run on sessions that may be gone. Each test makes the users it looks at.
test.describe.configure({ mode: "serial" });

const target = { first: "Tess", last: "Target", email: "tess.target@example.com" };
const intruder = "intruder@example.com";

type Caller = { label: string; request: APIRequestContext; expectedAdminStatus: (namesIds: boolean) => number | null };

const contextWithSession = (playwright: PlaywrightWorkerArgs["playwright"], token: string | null) =>
  playwright.request.newContext({
    baseURL: APP_URL,
    // Its own client address (the e2e server trusts the proxy header): the matrix spends no other spec's limits.
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.77" },
    storageState: {
      cookies: token ? [{ name: SESSION_COOKIE, value: token, domain: "localhost", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }] : [],
      origins: [],
    },
  });

const callAction = (request: APIRequestContext, action: ClassifiedAction, args: unknown[]) =>
  request.post(action.pagePath, {
    headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: APP_URL, "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });

/** What our organization looks like to its admin: Users rows, Activity total, emails the provider got. */
async function observe(page: Page) {
  await page.goto("/users");
  // The total is drawn with the rows, once the table has streamed in: read it first.
  const usersTotal = await page.getByText(/\d+ users? · page/).innerText();
  const users = await page.getByRole("row").allInnerTexts();
  await page.goto("/activity");
  const activityTotal = await page.getByText(/\d+ events? · page/).innerText();
  const emails = ((await (await page.request.get(`${FAKE_RESEND_URL}/_test/emails`)).json()) as unknown[]).length;
  return { users, usersTotal, activityTotal, emails };
}

test("an admin of another organization sees only their own organization's users", async ({ page: ourAdmin, browser }) => {
  await invitePeople(ourAdmin, [{ first: "Lena", last: "Listed", email: "lena.listed@example.com" }]);
  await expect(ourAdmin.getByRole("row").filter({ hasText: "lena.listed@example.com" })).toBeVisible();
  await waitForEmail(ourAdmin.request, "lena.listed@example.com"); // so that the matrix's count of emails is settled

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await context.addCookies([{ name: SESSION_COOKIE, value: principals.otherAdmin.sessionToken, url: APP_URL, httpOnly: true }]);
  const page = await context.newPage();
  await page.goto("/users");
  await expect(page.getByRole("row").filter({ hasText: principals.member.email })).toBeVisible();
  await expect(page.getByText("2 users · page 1 of 1")).toBeVisible();
  await expect(page.getByText(ORGANIZATION_NAME)).toHaveCount(0);
  await expect(page.getByText("@example.com")).toHaveCount(0);
  await page.goto("/activity");
  await expect(page.getByText("Nothing has happened yet.", { exact: false })).toBeVisible();
  await context.close();
});

test("every server action and route handler refuses callers who are not its admin, and changes nothing", async ({ page, playwright }) => {
  const actions = classifiedServerActions();
  const routes = classifiedRoutes();

  await page.goto("/users/invite");
  await page.getByLabel("First name").fill(target.first);
  await page.getByLabel("Last name").fill(target.last);
  await page.getByLabel("Email address").fill(target.email);
  await page.getByRole("button", { name: "Send invite" }).click();
  const row = page.getByRole("row").filter({ hasText: target.email });
  await expect(row).toBeVisible();
  const ids: Ids = { memberId: (await row.getAttribute("data-user-id"))!, intruder };
  await waitForEmail(page.request, target.email); // delivered in the background; observe once it is in
  await waitForOutboxToDrain(page.request); // and every other email anyone sent before, so the count holds
  const before = await observe(page);

  const callers: Caller[] = [
    { label: "nobody signed in", request: await contextWithSession(playwright, null), expectedAdminStatus: () => 401 },
    { label: principals.member.label, request: await contextWithSession(playwright, principals.member.sessionToken), expectedAdminStatus: () => 403 },
    { label: principals.formerAdmin.label, request: await contextWithSession(playwright, principals.formerAdmin.sessionToken), expectedAdminStatus: () => 403 },
    {
      label: principals.otherAdmin.label,
      request: await contextWithSession(playwright, principals.otherAdmin.sessionToken),
      // Actions naming no ids act on the caller's own organization (from the session): nothing of ours to refuse.
      expectedAdminStatus: (namesIds) => (namesIds ? 404 : null),
    },
  ];

  const answers: string[] = [];
  const expected: string[] = [];
  for (const caller of callers) {
    for (const action of actions) {
      if (action.rule.kind !== "admin") continue;
      const status = caller.expectedAdminStatus(action.rule.namesMemberIds);
      if (status === null) continue;
      const response = await callAction(caller.request, action, [action.rule.payload(ids)]);
      answers.push(`${caller.label} → ${action.name}: ${response.status()}`);
      expected.push(`${caller.label} → ${action.name}: ${status}`);
    }
    for (const route of routes) {
      const response = await caller.request.fetch(route.path, {
        method: route.method,
        data: route.body,
        headers: route.body ? { "Content-Type": route.body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded", Origin: APP_URL } : {},
        maxRedirects: 0,
      });
      answers.push(`${caller.label} → ${route.route}: ${Math.floor(response.status() / 100)}xx`);
      expected.push(`${caller.label} → ${route.route}: ${route.expect}`);
    }
  }
  // Public actions, last: signing out ends the caller's own session. A forged call (no form data)
  // gets the form's answer, never a 4xx/5xx of the server's making.
  for (const caller of callers) {
    for (const action of actions) {
      if (action.rule.kind !== "public") continue;
      const response = await callAction(caller.request, action, action.name.startsWith("$$") ? [] : [null, { email: intruder, token: "x" }]);
      answers.push(`${caller.label} → ${action.file}#${action.name}: ${response.status() < 400 ? "answered" : response.status()}`);
      expected.push(`${caller.label} → ${action.file}#${action.name}: answered`);
    }
    await caller.request.dispose();
  }
  expect(answers).toEqual(expected);

  // An email a refused call had sent would now be queued: let it reach the provider, to be counted.
  await waitForOutboxToDrain(page.request);
  // Read again until it matches or time runs out: a real change never matches, and still fails.
  await expect(async () => expect(await observe(page)).toEqual(before)).toPass({ timeout: 15_000 });
  await page.goto("/users");
  await expect(row.getByText("Pending")).toBeVisible();
  await expect(page.getByText(`People invited to ${ORGANIZATION_NAME}`)).toBeVisible();
  expect(await emailsTo(page.request, intruder)).toHaveLength(0);
});

test("an admin whose session ended is sent to the sign-in page, and nothing is changed", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE_STATE }); // the real admin
  const page = await context.newPage();
  const kept = { first: "Kim", last: "Kept", email: "kim.kept@example.com" };
  await invitePeople(page, [kept]);
  await page.goto(`/users?q=${encodeURIComponent(kept.email)}`);
  const row = page.getByRole("row").filter({ hasText: kept.email });
  await expect(row.getByText("Pending")).toBeVisible();
  const cookies = await context.cookies();
  await context.clearCookies(); // as if the session had expired
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Remove user" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  // The action is answered 401; re-rendering the console for nobody sends the browser to sign in.
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();

  await context.addCookies(cookies);
  await page.goto(`/users?q=${encodeURIComponent(kept.email)}`);
  await expect(row.getByText("Pending")).toBeVisible();
  await context.close();
});
