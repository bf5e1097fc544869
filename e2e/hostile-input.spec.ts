import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import fc from "fast-check";
import { usersTableColumnsSchema } from "@/lib/validation/users-table-columns";
import { usersViewSchema } from "@/lib/validation/users-view";
import { acceptableName, hostileString, hostileValue } from "../test/fixtures/hostile-input";
import { APP_URL } from "./support/environment";
import { apiKeyPrincipals } from "./support/principals";
import { serverActionsOfBuild, type ServerActionEntry } from "./support/server-actions";

/**
 * Hostile payloads over HTTP, to the real server actions and pages of the production build: every
 * answer is below 500, and the admin ones leave the Users table and the setup as they were.
 * Each property makes 10 requests by default (FC_NUM_RUNS raises it, FC_SEED replays a failure).
 */
const runs = {
  numRuns: Number(process.env.FC_NUM_RUNS ?? 10),
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};

/** Never valid in a name: so a hostile submission can never invite anyone or rename the organization. */
const refusedCharacter = fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u202e", "\ud800", "\udc00", "\u2028");
const refusedName = fc.tuple(acceptableName, refusedCharacter).map(([name, bad]) => `A${bad}${name}`);

/** React's reply encoding for plain values: a string that starts with "$" is sent as "$$…". */
const flightValue = (value: unknown): unknown => {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(flightValue);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, flightValue(inner)]));
  return value;
};

const actionHeaders = (action: ServerActionEntry) => ({ "Next-Action": action.id, Accept: "text/x-component", Origin: APP_URL });

function actionNamed(name: string) {
  const action = serverActionsOfBuild().find((entry) => entry.name === name);
  if (!action) throw new Error(`No server action ${name} in the build`);
  return action;
}

/** An admin action called as the browser would, with one argument. */
async function callAdminAction(request: APIRequestContext, name: string, argument: unknown) {
  const action = actionNamed(name);
  return request.post(action.pagePath, {
    headers: { ...actionHeaders(action), "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify([flightValue(argument)]),
  });
}

/**
 * A form action of useActionState: (previous state, FormData). React sends the form's fields as parts
 * "_1_<field>" before the root part "0", and the server reads them in that order.
 */
async function callFormAction(request: APIRequestContext, name: string, path: string, previous: unknown, fields: Record<string, string>) {
  const multipart = new FormData();
  for (const [field, value] of Object.entries(fields)) multipart.append(`_1_${field}`, value);
  multipart.append("0", JSON.stringify([flightValue(previous), "$K1"]));
  return request.post(path, { headers: actionHeaders(actionNamed(name)), multipart });
}

/** What an admin sees of the organization: every user row and every setup field. */
async function adminView(page: Page) {
  await page.goto("/users?perPage=100");
  // The count (or the empty state) is drawn with the rows, once the table has streamed in.
  const count = await page.getByText(/ users? · page 1 of /).or(page.getByRole("heading", { name: "No users yet" })).innerText();
  const users = await page.locator("tr[data-user-id]").allInnerTexts();
  const summary = await page.getByText("People invited to").innerText();
  await page.goto("/settings");
  const setup = await Promise.all(["organizationName", "contactEmail", "customMessage", "validityDays", "reminderDaysBefore"].map((id) => page.locator(`#${id}`).inputValue()));
  return { count, users, summary, setup };
}

/**
 * Read again until it matches or time runs out: the Users page streams in after its loading state,
 * so one read can catch it half-drawn. A real change never matches, and still fails.
 */
async function expectAdminViewUnchanged(page: Page, before: Awaited<ReturnType<typeof adminView>>) {
  await expect(async () => expect(await adminView(page)).toEqual(before)).toPass({ timeout: 15_000 });
}

async function expectRefusedWithFieldErrors(response: Awaited<ReturnType<APIRequestContext["post"]>>, label: string) {
  expect(response.status(), label).toBeLessThan(500);
  expect(await response.text(), label).toContain("Some fields need your attention.");
}

test("admin actions refuse hostile payloads with field errors and change nothing", async ({ page }) => {
  const before = await adminView(page);
  const hostileRows = fc.tuple(
    fc.record({ firstName: refusedName, lastName: fc.oneof(acceptableName, hostileString), email: fc.oneof(hostileString, fc.constant("ok@example.com")) }),
    fc.array(fc.record({ firstName: hostileValue, lastName: hostileValue, email: hostileValue, role: hostileValue }, { requiredKeys: [] }), { maxLength: 3 }),
  );
  await fc.assert(
    fc.asyncProperty(hostileRows, async ([first, rest]) => {
      await expectRefusedWithFieldErrors(await callAdminAction(page.request, "inviteUsersAction", { rows: [first, ...rest] }), "invite");
    }),
    runs,
  );
  const hostileSettings = fc.record(
    { organizationName: refusedName, contactEmail: hostileValue, customMessage: hostileValue, validityDays: hostileValue, reminderDaysBefore: hostileValue },
    { requiredKeys: ["organizationName"] },
  );
  await fc.assert(
    fc.asyncProperty(hostileSettings, async (settings) => {
      await expectRefusedWithFieldErrors(await callAdminAction(page.request, "saveInvitationSettingsAction", settings), "settings");
    }),
    runs,
  );
  for (const name of ["resendInvitationsAction", "removeUsersAction"]) {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(hostileString, { minLength: 1, maxLength: 3 }), hostileValue), async (memberIds) => {
        await expectRefusedWithFieldErrors(await callAdminAction(page.request, name, { memberIds }), name);
      }),
      runs,
    );
  }
  for (const name of ["retryFailedAction", "resendToNotJoinedAction", "dismissSendAction"]) {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, hostileValue), async (sendId) => {
        await expectRefusedWithFieldErrors(await callAdminAction(page.request, name, { sendId }), name);
      }),
      runs,
    );
  }
  for (const name of ["copyInvitationLinkAction", "deliveryDetailsAction"]) {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, hostileValue), async (memberId) => {
        await expectRefusedWithFieldErrors(await callAdminAction(page.request, name, { memberId }), name);
      }),
      runs,
    );
  }
  for (const name of ["resendInvitationsToViewAction", "removeUsersInViewAction"]) {
    // hostileValue can draw a valid view ({ q: "", status: [] } is everyone): the schema sorts those out.
    const hostileView = fc
      .oneof(
        hostileValue,
        fc.record({ q: hostileValue, status: hostileValue }),
        fc.record({ q: fc.string({ minLength: 201, maxLength: 400 }), status: fc.constant([]) }),
        fc.record({ q: fc.constant(""), status: fc.array(hostileString, { minLength: 1, maxLength: 3 }) }),
        fc.record({ q: fc.constant(""), status: fc.constant([]), send: fc.oneof(hostileString, hostileValue) }),
      )
      .filter((view) => !usersViewSchema.safeParse({ view }).success);
    await fc.assert(
      fc.asyncProperty(hostileView, async (view) => {
        await expectRefusedWithFieldErrors(await callAdminAction(page.request, name, { view }), name);
      }),
      runs,
    );
  }
  const hostileColumns = fc.oneof(
    hostileValue,
    fc.array(hostileString, { minLength: 1, maxLength: 3 }),
    fc.constant(["invitedBy", "lastSent", "invitedBy"]),
  );
  await fc.assert(
    fc.asyncProperty(hostileColumns.filter((columns) => !usersTableColumnsSchema.safeParse({ columns }).success), async (columns) => {
      await expectRefusedWithFieldErrors(await callAdminAction(page.request, "saveUsersTableColumnsAction", { columns }), "columns");
    }),
    runs,
  );
  // Not an object at all, or values with no place in the schema.
  for (const argument of [null, "rows", 42, [], { rows: "x".repeat(10_240) }, { rows: Array.from({ length: 1001 }, () => ({})) }]) {
    await expectRefusedWithFieldErrors(await callAdminAction(page.request, "inviteUsersAction", argument), JSON.stringify(argument).slice(0, 40));
  }
  await expectAdminViewUnchanged(page, before);
});

type HttpAnswer = Awaited<ReturnType<APIRequestContext["fetch"]>>;

/**
 * A keyed API's refusals: `isError` a 4xx in its error format; `refused` that, or the bare 4xx
 * Node.js or Next.js give what they refuse before any handler runs (a NUL in the path, a 30 kB query
 * string): below 500 all the same.
 */
function refusalChecks(contentType: string) {
  const isError = async (response: HttpAnswer, label: string) => {
    expect(response.status(), label).toBeLessThan(500);
    expect(response.status(), label).toBeGreaterThanOrEqual(400);
    expect(response.headers()["content-type"], label).toBe(contentType);
  };
  const refused = async (response: HttpAnswer, label: string) => {
    if (response.headers()["content-type"]) await isError(response, label);
    else expect([400, 413, 414, 431], label).toContain(response.status());
  };
  return { isError, refused };
}

test("the REST API answers hostile bodies, query strings and headers below 500 with a problem, and changes nothing", async ({ page, playwright }) => {
  const before = await adminView(page);
  const api = await playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${apiKeyPrincipals.ours.secret}`, "x-forwarded-for": "198.51.100.92" },
  });
  const { isError: isProblem, refused } = refusalChecks("application/problem+json");
  const hostileBody = fc.oneof(
    hostileString.map((text) => Buffer.from(text, "utf8")),
    fc.record({ users: fc.array(fc.record({ firstName: refusedName, lastName: hostileValue, email: hostileValue, role: hostileValue }, { requiredKeys: ["firstName"] }), { minLength: 1, maxLength: 3 }) }).map((body) => Buffer.from(JSON.stringify(body))),
    fc.record({ organizationName: refusedName, contactEmail: hostileValue, validityDays: hostileValue, reminderDaysBefore: hostileValue }).map((body) => Buffer.from(JSON.stringify(body))),
  );
  await fc.assert(
    fc.asyncProperty(hostileBody, fc.constantFrom("POST /api/v1/users", "PUT /api/v1/invitation-settings"), async (body, route) => {
      const [method, path] = route.split(" ") as [string, string];
      await isProblem(await api.fetch(path, { method, data: body, headers: { "Content-Type": "application/json" } }), route);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileString, hostileString, async (id, text) => {
      // "", "." and ".." are not ids: the path they make is normalised to the list's.
      fc.pre(!["", ".", ".."].includes(id));
      const escaped = [...Buffer.from(id, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join(""); // lone surrogates as U+FFFD
      const path = `/api/v1/users/${escaped}`;
      for (const method of ["GET", "PATCH", "DELETE"]) await refused(await api.fetch(path, { method, data: Buffer.from(text) }), `${method} user`);
      await refused(await api.post(`${path}/resend`), "resend");
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(fc.dictionary(fc.constantFrom("q", "status", "limit", "cursor"), hostileString, { maxKeys: 4 }), async (query) => {
      const response = await api.get(`/api/v1/users?${new URLSearchParams(query).toString()}`);
      expect(response.status()).toBeLessThan(500);
      if (response.status() !== 200) await refused(response, "list");
    }),
    runs,
  );
  // Headers: a Bearer of anything, an Idempotency-Key of anything printable.
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 300 }), async (text) => {
      const stranger = await playwright.request.newContext({ baseURL: APP_URL, extraHTTPHeaders: { Authorization: `Bearer ${text}` } });
      expect((await stranger.get("/api/v1/users")).status()).toBe(401);
      await stranger.dispose();
      await isProblem(await api.post("/api/v1/users", { data: Buffer.from("{}"), headers: { "Idempotency-Key": text, "Content-Type": "application/json" } }), "idempotency key");
    }),
    runs,
  );
  await isProblem(await api.post("/api/v1/users", { data: Buffer.alloc(9 * 1024 * 1024 + 1, 0x20) }), "too large");
  await api.dispose();
  await expectAdminViewUnchanged(page, before);
});

test("SCIM answers hostile bodies, ids and filters below 500 with a SCIM error, and changes nothing", async ({ page, playwright }) => {
  const before = await adminView(page);
  const idp = await playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${apiKeyPrincipals.ours.secret}`, "x-forwarded-for": "198.51.100.94" },
  });
  const { isError: isScimError, refused } = refusalChecks("application/scim+json");
  const hostileBody = fc.oneof(
    hostileString.map((text) => Buffer.from(text, "utf8")),
    fc
      .record({ userName: hostileValue, name: fc.record({ givenName: refusedName, familyName: hostileValue }), externalId: hostileValue, active: hostileValue })
      .map((body) => Buffer.from(JSON.stringify(body))),
  );
  await fc.assert(
    fc.asyncProperty(hostileBody, async (body) => {
      await isScimError(await idp.post("/scim/v2/Users", { data: body, headers: { "Content-Type": "application/scim+json" } }), "POST /Users");
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileString, hostileString, async (id, text) => {
      fc.pre(!["", ".", ".."].includes(id));
      const escaped = [...Buffer.from(id, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
      for (const method of ["GET", "PUT", "PATCH", "DELETE"]) await refused(await idp.fetch(`/scim/v2/Users/${escaped}`, { method, data: Buffer.from(text) }), `${method} user`);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(fc.dictionary(fc.constantFrom("filter", "startIndex", "count"), hostileString, { maxKeys: 3 }), async (query) => {
      const response = await idp.get(`/scim/v2/Users?${new URLSearchParams(query).toString()}`);
      expect(response.status()).toBeLessThan(500);
      if (response.status() !== 200) await refused(response, "list");
    }),
    runs,
  );
  await isScimError(await idp.post("/scim/v2/Users", { data: Buffer.alloc(64 * 1024 + 1, 0x20) }), "too large");
  await idp.dispose();
  await expectAdminViewUnchanged(page, before);
});

/** The admin's Webhooks page: every endpoint row's text. */
async function webhooksView(page: Page) {
  await page.goto("/settings/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  return page.locator("tr[data-endpoint-id]").allInnerTexts();
}

test("webhook actions refuse hostile endpoint URLs, events and ids with field errors, and add nothing", async ({ page }) => {
  const before = await webhooksView(page);
  const goodUrl = fc.constantFrom("https://hooks.example.com/roster", "http://127.0.0.1:9/hooks");
  const goodEvents = fc.subarray(["user.invited", "user.enrolled", "user.removed"], { minLength: 1 });
  // A URL that cannot be one: a refused character inside, or anything hostile; or good URLs with hostile events.
  const refusedUrl = fc.oneof(
    hostileString,
    hostileValue,
    // Inside the path: at the end, a character trim() removes (U+2028) would leave a good URL.
    fc.tuple(goodUrl, refusedCharacter).map(([url, bad]) => `${url}/a${bad}b`),
    fc.constantFrom("javascript:alert(1)", "file:///etc/passwd", "https://user:pass@example.com/", "http://", `https://example.com/${"a".repeat(2_001)}`),
  );
  const hostileEvents = fc.oneof(hostileValue, fc.array(hostileString, { minLength: 1, maxLength: 3 }), fc.constant([]), fc.constant(["user.invited", "user.hacked"]));
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.record({ url: refusedUrl, events: goodEvents }), fc.record({ url: goodUrl, events: hostileEvents })), async (endpoint) => {
      await expectRefusedWithFieldErrors(await callAdminAction(page.request, "addWebhookEndpointAction", endpoint), "add endpoint");
    }),
    runs,
  );
  for (const [name, key] of [
    ["removeWebhookEndpointAction", "endpointId"],
    ["enableWebhookEndpointAction", "endpointId"],
    ["resendWebhookDeliveryAction", "deliveryId"],
  ] as const) {
    await fc.assert(
      fc.asyncProperty(hostileValue, async (id) => {
        await expectRefusedWithFieldErrors(await callAdminAction(page.request, name, { [key]: id }), name);
      }),
      runs,
    );
  }
  for (const argument of [null, "url", 42, [], { url: "x".repeat(10_240), events: ["user.invited"] }, { url: "https://example.com/", events: Array.from({ length: 1001 }, () => "user.invited") }]) {
    await expectRefusedWithFieldErrors(await callAdminAction(page.request, "addWebhookEndpointAction", argument), JSON.stringify(argument).slice(0, 40));
  }
  expect(await webhooksView(page)).toEqual(before);
});

test("Create organization and the organization switcher refuse hostile names and ids with field errors, and change nothing", async ({ page }) => {
  const before = await adminView(page);
  const switcher = page.getByRole("button", { name: /^Organization: / });
  const current = await switcher.textContent();
  // A name that can never be one (SQL- or formula-like text is a fine organization name, so not hostileValue),
  // beside anything at all for the creator's own name: nothing may be created, nor switched to.
  await fc.assert(
    fc.asyncProperty(fc.record({ name: refusedName, firstName: hostileValue, lastName: hostileValue }, { requiredKeys: ["name"] }), async (input) => {
      await expectRefusedWithFieldErrors(await callAdminAction(page.request, "createOrganizationAction", input), "create organization");
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileValue, async (organizationId) => {
      await expectRefusedWithFieldErrors(await callAdminAction(page.request, "switchOrganizationAction", { organizationId }), "switch organization");
    }),
    runs,
  );
  for (const argument of [null, "Acme", 42, [], { name: "x".repeat(10_240) }, { name: "Fine Inc", firstName: "A".repeat(10_240), lastName: "B" }]) {
    await expectRefusedWithFieldErrors(await callAdminAction(page.request, "createOrganizationAction", argument), JSON.stringify(argument).slice(0, 40));
  }
  await expectAdminViewUnchanged(page, before);
  expect(await switcher.textContent()).toBe(current);
});

test("public join and sign-in actions answer hostile input without a 500", async ({ playwright }) => {
  // A client address of its own: its guesses spend its own sign-in and join limits, not the other specs'.
  const anonymous = await playwright.request.newContext({
    baseURL: APP_URL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.251" },
  });
  const tokens = fc.oneof(hostileString, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((token) => `${token}\u0000`));
  await fc.assert(
    fc.asyncProperty(tokens, async (token) => {
      const response = await callFormAction(anonymous, "joinAction", "/join/x", null, { token });
      expect(response.status()).toBeLessThan(500);
      expect(await response.text()).toContain('"state":"unknown"');
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileString, async (email) => {
      const response = await callFormAction(anonymous, "requestSignInLink", "/sign-in", { email: "" }, { email });
      expect(response.status()).toBeLessThan(500);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(refusedName, async (name) => {
      const response = await callFormAction(anonymous, "requestSignInLink", "/sign-in", { email: "" }, { email: `${name}@example.com` });
      expect(response.status()).toBeLessThan(500);
      expect(await response.text()).toContain("Enter a valid email address");
    }),
    runs,
  );
  await anonymous.dispose();
});

/** Bodies no browser sends that still decode: they reach the action, which answers with field errors. */
const decodableBodies = ["[null]", '[{"rows":{"length":1000000}}]', '{"rows":[]}', '["$K1"]', '["$@5"]'];
/** One over the 9 MiB action limit (ACTION_BODY_LIMIT_BYTES): refused by the proxy before Next.js reads it. */
const oversizedBody = JSON.stringify([{ rows: [{ firstName: "x".repeat(9_500_000) }] }]);

async function postRaw(request: APIRequestContext, body: string) {
  const invite = actionNamed("inviteUsersAction");
  return request.post(invite.pagePath, {
    headers: { ...actionHeaders(invite), "Content-Type": "text/plain;charset=UTF-8" },
    data: body,
  });
}

test("request bodies no browser sends that decode get an answer below 500, and one over the limit a 413", async ({ page }) => {
  const before = await adminView(page);
  for (const body of decodableBodies) {
    const response = await postRaw(page.request, body);
    expect(response.status(), body).toBeLessThan(500);
    expect(await response.text(), body).toContain("Some fields need your attention.");
  }
  const oversized = await postRaw(page.request, oversizedBody);
  expect(oversized.status()).toBe(413);
  expect(oversized.headers()["content-type"]).toContain("text/plain");
  expect(await oversized.text()).toMatch(/too large/);
  await expectAdminViewUnchanged(page, before);
});

/**
 * Server-action bodies Next.js 16.4 cannot decode: it answers them with a 500 before any of our code
 * runs (SPEC's one tolerated exception). Single-part bodies to the invite action, signed in, and
 * multipart ones to the join action and to pages as forms posted without JavaScript, signed out.
 */
const part = (name: string, value: string) => `--XX\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const undecodableBodies = ["", "not json", "[", '["$Q99"]', '["$W1"]', "\u0000"];
const undecodableMultipart: { path: string; action: boolean; body: string }[] = [
  { path: "/join/x", action: true, body: "garbage" },
  { path: "/join/x", action: true, body: `${part("0", "not json")}--XX--\r\n` },
  { path: "/join/x", action: true, body: `${part("0", '["$Q5"]')}--XX--\r\n` },
  { path: "/join/x", action: true, body: `${part("0", '["$1"]')}${part("1", "{")}--XX--\r\n` },
  { path: "/sign-in", action: false, body: "garbage" },
];

test("server-action bodies Next.js cannot decode write nothing, show no internals, and (once Next.js allows) get a 4xx", async ({ page, playwright }) => {
  const before = await adminView(page);
  const anonymous = await playwright.request.newContext({ baseURL: APP_URL, storageState: { cookies: [], origins: [] } });
  const join = actionNamed("joinAction");
  const answers: { label: string; status: number; text: string }[] = [];
  for (const body of undecodableBodies) {
    const response = await postRaw(page.request, body);
    answers.push({ label: JSON.stringify(body), status: response.status(), text: await response.text() });
  }
  for (const { path, action, body } of undecodableMultipart) {
    const headers = { ...(action ? actionHeaders(join) : {}), "Content-Type": "multipart/form-data; boundary=XX" };
    const response = await anonymous.post(path, { headers, data: body });
    answers.push({ label: `${path} ${JSON.stringify(body).slice(0, 40)}`, status: response.status(), text: await response.text() });
  }
  await anonymous.dispose();
  // What we guarantee, whatever the status: no stack trace, path or message of an error in the answer...
  for (const { label, text } of answers) {
    expect(text, label).not.toMatch(/\bat \S+ \(|node_modules|\.next\/|\/work\/|Error:|SyntaxError|JSON\.parse|Unexpected token/);
  }
  // ...and nothing written.
  await expectAdminViewUnchanged(page, before);

  // What Next.js 16.4 does not do yet: these get a bare 500 from it, before any of our code runs. When
  // a release answers them with a 4xx, this test passes unexpectedly: then drop this line.
  test.fail(true, "Next.js 16.4 answers a server-action body it cannot decode with a 500");
  for (const { label, status } of answers) expect(status, label).toBeLessThan(500);
});

/** Query strings and paths as raw bytes: percent-encoded UTF-8 (NUL, controls, 10 kB and more). */
const percentEncoded = (text: string) => [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
const encodedUrlPart = fc.oneof(
  hostileString.map(percentEncoded),
  fc.constantFrom("%00", "%0d%0aSet-Cookie:%20x=1", "..%2f..%2f", "%2500", "A".repeat(10_240), "%41".repeat(3414)),
);
/** Escapes no browser sends: they are not UTF-8, or not escapes at all. */
const malformedEscapes = ["%", "%zz", "%ff%fe", "%ED%A0%80", "%C0%80"];

/** A Users table query string of up to six hostile parameters. */
const usersQuery = fc
  .array(fc.tuple(fc.constantFrom("q", "status", "sort", "dir", "page", "perPage", "q[]", "%00"), fc.oneof(encodedUrlPart, fc.constantFrom(...malformedEscapes))), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parameters) => parameters.map(([key, value]) => `${key}=${value}`).join("&"));

test("the Users table answers any URL with a page, never an error", async ({ page }) => {
  await fc.assert(
    fc.asyncProperty(usersQuery, async (query) => {
      const response = await page.request.get(`/users?${query}`);
      // A URL over Node's 16 kB header limit is answered 431 before Next.js sees it.
      expect([200, 431], query.slice(0, 80)).toContain(response.status());
      if (response.status() === 200) expect(await response.text()).toContain("People invited to");
    }),
    runs,
  );
  // The page streams after its loading state, so a failed query still answers 200: read the body.
  const nul = await page.request.get("/users?q=%00");
  expect(nul.status()).toBe(200);
  expect(await nul.text()).toContain("People invited to");
});

test("Export CSV answers any URL with a CSV file of the view it falls back to, never an error", async ({ page }) => {
  const header = "\ufeffFirst name,Last name,Email,Role,Status,Invited,Expires,Enrolled\r\n";
  await fc.assert(
    fc.asyncProperty(usersQuery, async (query) => {
      const response = await page.request.get(`/users/export?${query}`);
      // A URL over Node's 16 kB header limit is answered 431 before Next.js sees it.
      expect([200, 431], query.slice(0, 80)).toContain(response.status());
      if (response.status() !== 200) return;
      expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      expect((await response.text()).startsWith(header), query.slice(0, 80)).toBe(true);
    }),
    runs,
  );
  // A NUL in the search becomes a space (PostgreSQL refuses NUL); an unknown sort falls back to the
  // default; a search of 201 characters is no search: each the view the page would show.
  for (const query of ["q=%00", "sort=password&dir=sideways", `q=${"x".repeat(201)}`, "status=enrolled,%ff%fe,nobody"]) {
    const response = await page.request.get(`/users/export?${query}`);
    expect(response.status(), query).toBe(200);
    expect((await response.text()).startsWith(header), query).toBe(true);
  }
});

test("join links with hostile tokens get the unknown-link page, never an error", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: APP_URL, storageState: { cookies: [], origins: [] } });
  // Each guess from a client address of its own: this checks the answer to a hostile token, not the
  // limit on guesses per client (e2e/rate-limits.spec.ts), which would otherwise answer "Too many attempts".
  let client = 0;
  const ownClient = () => ({ "x-forwarded-for": `203.0.113.${++client % 250}` });
  await fc.assert(
    fc.asyncProperty(encodedUrlPart, async (token) => {
      const response = await anonymous.get(`/join/${token}`, { headers: ownClient() });
      expect([404, 431], token.slice(0, 80)).toContain(response.status());
    }),
    runs,
  );
  const unknown = await anonymous.get(`/join/${"A".repeat(42)}%00`, { headers: ownClient() });
  expect(unknown.status()).toBe(404);
  expect(await unknown.text()).toContain("This invitation link is not valid");
  await anonymous.dispose();
});

// Next.js 16 answers a malformed escape in a dynamic segment with a bare 500 after the proxy has run:
// the proxy refuses it first.
test("join links with malformed %-escapes are refused with a 400", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: APP_URL, storageState: { cookies: [], origins: [] } });
  for (const escape of malformedEscapes) {
    const response = await anonymous.get(`/join/${escape}`);
    expect(response.status(), escape).toBe(400);
    expect(await response.text(), escape).toContain("malformed %-escape");
  }
  await anonymous.dispose();
});

test("a send's progress and page refuse any id that is not one of the organization's sends, with a 4xx and never an error", async ({ page }) => {
  await fc.assert(
    // "." and ".." are path steps, not ids: a URL resolves them before any server sees them.
    fc.asyncProperty(fc.oneof(hostileString, fc.uuid()).filter((id) => id.length > 0 && id !== "." && id !== ".."), async (id) => {
      // As bytes of UTF-8, percent-encoded: a lone surrogate becomes U+FFFD, as in a URL.
      const segment = percentEncoded(id);
      // 400 from the proxy (a NUL in the path) or the route's schema, 404 for a well-formed id that is
      // no send of ours, 431 for a URL over Node's 16 kB header limit, before Next.js sees it.
      for (const path of [`/sends/${segment}/progress`, `/sends/${segment}`]) {
        expect([400, 404, 431], `${path.slice(0, 80)}`).toContain((await page.request.get(path)).status());
      }
    }),
    runs,
  );
});

test("Delivery health takes no input: any query string gets the same answer, never an error", async ({ page }) => {
  const plain = await (await page.request.get("/api/delivery-health")).json();
  await fc.assert(
    fc.asyncProperty(usersQuery, async (query) => {
      const response = await page.request.get(`/api/delivery-health?${query}`);
      // A URL over Node's 16 kB header limit is answered 431 before Next.js sees it.
      expect([200, 431], query.slice(0, 80)).toContain(response.status());
      if (response.status() === 200) expect(await response.json(), query.slice(0, 80)).toEqual(plain);
    }),
    runs,
  );
});
