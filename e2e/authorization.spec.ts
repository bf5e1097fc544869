import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { classifiedRoutes, classifiedServerActions, consolePages, type ClassifiedAction, type Ids } from "./support/authorization-matrix";
import { exportCsv, readDownloadedCsv } from "./support/csv-download";
import { APP_URL, FAKE_RESEND_URL, ORGANIZATION_NAME, STORAGE_STATE } from "./support/environment";
import { emailsTo, waitForEmail, waitForOutboxToDrain } from "./support/mailbox";
import { invitePeople } from "./support/invite";
import { apiKeyPrincipals, OTHER_ORGANIZATION_NAME, principals, SESSION_COOKIE, THERE_ORGANIZATION_NAME } from "./support/principals";

/**
 * Every server action, route handler and console page of the build, called over HTTP by everyone who
 * must not use it: nobody signed in, signed-in non-admins (members of ours and of another organization,
 * a removed admin), and an admin of another organization holding our users' ids. Each is refused
 * (a 4xx, or a page's redirect to sign in or to /account) and nothing of our organization changes.
 */
// Serial on purpose: the matrix ends by calling the public sign-out action as every principal, which
// ends their sessions (written once, before the server starts), so the test that signs in as the
// other organization's admin must run before it, and after a failure the rest are skipped rather
// than run on sessions that may be gone. Each test makes the users it looks at.
test.describe.configure({ mode: "serial" });

const target = { first: "Tess", last: "Target", email: "tess.target@example.com" };
const intruder = "intruder@example.com";

type Caller = {
  label: string;
  request: APIRequestContext;
  expectedAdminStatus: (namesIds: boolean) => number | null;
  /** Where a console page sends them (and /account, for nobody signed in); null: not checked here (an admin sees their own console). */
  sentTo: "/sign-in" | "/account" | null;
  /** How an action about one's own memberships answers them when it names our organization; null: not called (it is theirs to leave). */
  selfAnswer: "401" | "refused" | null;
  /** An admin of another organization (its name, and a user of it): routes and pages answer them about their own. */
  otherAdminOf?: { name: string; userEmail: string };
};

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

/** What our organization looks like to its admin: Users rows, Activity total, emails the provider got, webhook endpoints. */
async function observe(page: Page) {
  await page.goto("/users");
  // The total is drawn with the rows, once the table has streamed in: read it first.
  const usersTotal = await page.getByText(/\d+ users? · page/).innerText();
  const users = await page.getByRole("row").allInnerTexts();
  await page.goto("/activity");
  const activityTotal = await page.getByText(/\d+ events? · page/).innerText();
  const emails = ((await (await page.request.get(`${FAKE_RESEND_URL}/_test/emails`)).json()) as unknown[]).length;
  await page.goto("/settings/webhooks");
  const webhookEndpoints = await page.locator("tr[data-endpoint-id]").evaluateAll((rows) => rows.map((one) => one.getAttribute("data-endpoint-id")));
  return { users, usersTotal, activityTotal, emails, webhookEndpoints };
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
  // Their Export CSV: their own two users, none of ours.
  const { records } = await readDownloadedCsv(await exportCsv(page));
  expect(records.map((record) => record[2]).sort()).toEqual([principals.member.email, principals.otherAdmin.email].sort());
  await page.goto("/activity");
  await expect(page.getByText("Nothing has happened yet.", { exact: false })).toBeVisible();
  await context.close();
});

test("every server action and route handler refuses callers who are not its admin, and changes nothing", async ({ page, playwright }) => {
  test.slow(); // some hundred requests, and every console page read twice by each admin of another organization
  const actions = classifiedServerActions();
  const routes = classifiedRoutes();

  // A webhook endpoint of ours (its port closed: the delivery stays pending), for the actions naming endpoint and delivery ids.
  const hookUrl = "http://127.0.0.1:9/authorization-matrix";
  await page.goto("/settings/webhooks");
  await page.getByLabel("Endpoint URL").fill(hookUrl);
  await page.getByLabel("user.invited").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByLabel("Signing secret")).toBeVisible();
  const webhookEndpointId = (await page.getByRole("row").filter({ hasText: hookUrl }).getAttribute("data-endpoint-id"))!;

  await page.goto("/users/invite");
  await page.getByLabel("First name").fill(target.first);
  await page.getByLabel("Last name").fill(target.last);
  await page.getByLabel("Email address").fill(target.email);
  await page.getByRole("button", { name: "Send invite" }).click();
  const row = page.getByRole("row").filter({ hasText: target.email });
  await expect(row).toBeVisible();
  const memberId = (await row.getAttribute("data-user-id"))!;
  // Its send, as the Users page links to it.
  const sendId = (await page.getByRole("link", { name: "View send" }).getAttribute("href"))!.split("/").at(-1)!;
  await page.goto(`/settings/webhooks/${webhookEndpointId}`);
  const webhookDeliveryId = (await page.locator("tr[data-delivery-id]").first().getAttribute("data-delivery-id"))!;
  // Our organization's id, as /account names it for leaving (the admin's is there through ADMIN_EMAILS).
  await page.goto("/account");
  const organizationId = (await page.getByRole("row").filter({ hasText: ORGANIZATION_NAME }).getAttribute("data-organization-id"))!;
  const ids: Ids = { memberId, intruder, apiKeyId: apiKeyPrincipals.ours.id, webhookEndpointId, webhookDeliveryId, organizationId, sendId };
  const pages = consolePages(ids);
  await waitForEmail(page.request, target.email); // delivered in the background; observe once it is in
  await waitForOutboxToDrain(page.request); // and every other email anyone sent before, so the count holds
  const before = await observe(page);

  const callers: Caller[] = [
    { label: "nobody signed in", request: await contextWithSession(playwright, null), expectedAdminStatus: () => 401, sentTo: "/sign-in", selfAnswer: "401" },
    {
      label: principals.member.label,
      request: await contextWithSession(playwright, principals.member.sessionToken),
      expectedAdminStatus: () => 403,
      sentTo: "/account",
      selfAnswer: "refused",
    },
    {
      label: principals.ourMember.label,
      request: await contextWithSession(playwright, principals.ourMember.sessionToken),
      expectedAdminStatus: () => 403,
      sentTo: "/account",
      // Leaving our organization is this member's right (e2e/account.spec.ts); here it would change what is observed.
      selfAnswer: null,
    },
    {
      label: principals.formerAdmin.label,
      request: await contextWithSession(playwright, principals.formerAdmin.sessionToken),
      expectedAdminStatus: () => 403,
      sentTo: "/account",
      selfAnswer: "refused",
    },
    {
      label: principals.memberHereAdminThere.label,
      otherAdminOf: { name: THERE_ORGANIZATION_NAME, userEmail: principals.memberHereAdminThere.email },
      request: await contextWithSession(playwright, principals.memberHereAdminThere.sessionToken),
      // An admin, of their own organization only: actions naming our ids are 404, the rest act on theirs.
      expectedAdminStatus: (namesIds) => (namesIds ? 404 : null),
      sentTo: null,
      // Leaving our organization is their right, as a Member of it.
      selfAnswer: null,
    },
    {
      label: principals.otherAdmin.label,
      otherAdminOf: { name: OTHER_ORGANIZATION_NAME, userEmail: principals.member.email },
      request: await contextWithSession(playwright, principals.otherAdmin.sessionToken),
      // Actions naming no ids act on the caller's own organization (from the session): nothing of ours to refuse.
      expectedAdminStatus: (namesIds) => (namesIds ? 404 : null),
      sentTo: null,
      selfAnswer: "refused",
    },
  ];

  // What of ours an admin of another organization must never be shown: our name, our users, our endpoint.
  const ours = [ORGANIZATION_NAME, target.email, principals.ourMember.email, "lena.listed@example.com", hookUrl];
  const showsOurs = (body: string) => ours.filter((one) => body.includes(one)).join(", ") || "nothing of ours";

  const answers: string[] = [];
  const expected: string[] = [];
  for (const [index, caller] of callers.entries()) {
    // Switching to our organization: nobody is 401; everyone else administers it not, so 404, and their session keeps its organization.
    for (const action of actions) {
      if (action.rule.kind !== "switch") continue;
      const response = await callAction(caller.request, action, [action.rule.payload(ids)]);
      answers.push(`${caller.label} → ${action.name}: ${response.status()}`);
      expected.push(`${caller.label} → ${action.name}: ${caller.sentTo === "/sign-in" ? 401 : 404}`);
    }
    // An admin elsewhere sees their own console on every page, and nothing of ours on any (our endpoint's page included).
    for (const { route, path } of caller.otherAdminOf ? pages : []) {
      const response = await caller.request.get(path, { maxRedirects: 0 });
      const body = await response.text();
      answers.push(`${caller.label} → ${route}: ${response.status() < 500 ? "answered" : response.status()}, ${showsOurs(body)}`);
      expected.push(`${caller.label} → ${route}: answered, nothing of ours`);
    }
    if (caller.otherAdminOf) {
      const users = await (await caller.request.get("/users")).text();
      answers.push(`${caller.label} → /users after switching: ${users.includes(caller.otherAdminOf.name) ? "theirs" : "not theirs"}, ${showsOurs(users)}`);
      expected.push(`${caller.label} → /users after switching: theirs, nothing of ours`);
    }
    for (const action of actions) {
      if (action.rule.kind !== "self" || !caller.selfAnswer) continue;
      const response = await callAction(caller.request, action, [action.rule.payload(ids)]);
      const body = await response.text();
      const answer = response.status() === 200 ? (body.includes('"ok":false') ? "refused" : "done") : String(response.status());
      answers.push(`${caller.label} → ${action.name}: ${answer}`);
      expected.push(`${caller.label} → ${action.name}: ${caller.selfAnswer}`);
    }
    for (const { route, path } of caller.sentTo ? [...pages, { route: "/account/page", path: "/account" }] : []) {
      // /account is for anyone signed in: only nobody is sent away from it.
      const sentTo = route === "/account/page" ? (caller.sentTo === "/sign-in" ? "/sign-in" : "shown") : caller.sentTo;
      const response = await caller.request.get(path, { maxRedirects: 0 });
      const location = response.headers()["location"];
      const where = response.status() >= 300 && response.status() < 400 && location ? new URL(location, APP_URL).pathname : response.ok() ? "shown" : String(response.status());
      answers.push(`${caller.label} → ${route}: ${where}`);
      expected.push(`${caller.label} → ${route}: ${sentTo}`);
    }
    for (const action of actions) {
      if (action.rule.kind !== "admin") continue;
      const status = caller.expectedAdminStatus(action.rule.namesMemberIds);
      if (status === null) continue;
      const response = await callAction(caller.request, action, [action.rule.payload(ids)]);
      answers.push(`${caller.label} → ${action.name}: ${response.status()}`);
      expected.push(`${caller.label} → ${action.name}: ${status}`);
    }
    for (const route of routes) {
      // Each caller asks for its own address: the per-address sign-in limit (5) would answer the sixth 429, which is not what this checks.
      const response = await caller.request.fetch(typeof route.path === "function" ? route.path(ids) : route.path, {
        method: route.method,
        data: route.body?.replace("intruder%40", `intruder.${index}%40`),
        headers: route.body ? { "Content-Type": route.body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded", Origin: APP_URL } : {},
        maxRedirects: 0,
      });
      answers.push(`${caller.label} → ${route.route}: ${Math.floor(response.status() / 100)}xx`);
      const aboutTheirOwn = Boolean(caller.otherAdminOf && route.answersOtherAdminAboutTheirOwn);
      const answered = aboutTheirOwn || Boolean(caller.otherAdminOf && route.answersEveryAdmin);
      expected.push(`${caller.label} → ${route.route}: ${answered ? "2xx" : route.expect}`);
      if (caller.otherAdminOf && answered) {
        // Their own users (where the answer is about an organization), none of ours.
        const body = await response.text();
        const theirs = aboutTheirOwn ? `theirs ${body.includes(caller.otherAdminOf.userEmail)}, ` : "";
        answers.push(`${caller.label} → ${route.route}: ${theirs}${showsOurs(body)}`);
        expected.push(`${caller.label} → ${route.route}: ${aboutTheirOwn ? "theirs true, " : ""}nothing of ours`);
      }
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
