import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP_URL } from "./support/environment";
import { apiRoutesOfBuild, exampleBodies, fetchDocument, manifestRouteOf, operationsOf } from "./support/api-operations";
import { apiKeyPrincipals } from "./support/principals";

/**
 * The REST API's authorization matrix: every operation of every /api/v1 route of the build, called
 * with no key, with a revoked key of ours and with another organization's key naming our user's id.
 * No key and a revoked key get the same 401; the other organization gets 404 for our ids and acts,
 * if at all, only on its own organization. Nothing of ours changes.
 */
const context = (playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, secret: string | null) =>
  playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.91", ...(secret ? { Authorization: `Bearer ${secret}` } : {}) },
  });

/**
 * Who calls with the wrong key, and what they must get: 401 without a key or with our revoked one;
 * another organization's key gets 404 for our ids, and on paths without an id acts on its own
 * organization (whatever it answers, below 500; null means no fixed status).
 */
async function keyCallers(playwright: Parameters<typeof context>[0]) {
  return [
    { label: "no key", request: await context(playwright, null), expected: () => 401 },
    { label: "revoked key of ours", request: await context(playwright, apiKeyPrincipals.oursRevoked.secret), expected: () => 401 },
    { label: "another organization's key", request: await context(playwright, apiKeyPrincipals.other.secret), expected: (namesId: boolean) => (namesId ? 404 : null) },
  ];
}

/** Everything of ours the API can see: every user (all pages) and the invitation settings. */
async function ours(api: APIRequestContext) {
  const users: unknown[] = [];
  let cursor: string | null = null;
  do {
    const response = await api.get(`/api/v1/users?limit=200${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { data: { delivery: unknown }[]; nextCursor: string | null };
    // The delivery state is the provider's word, arriving by its webhooks whenever it does: not ours to compare.
    users.push(...page.data.map((user) => ({ ...user, delivery: "(the provider's)" })));
    cursor = page.nextCursor;
  } while (cursor);
  const settings = await (await api.get("/api/v1/invitation-settings")).json();
  return { users, settings };
}

test("no key, a revoked key and another organization's key change nothing of ours", async ({ playwright }) => {
  const api = await context(playwright, apiKeyPrincipals.ours.secret);
  const document = await fetchDocument(api);
  const documented = new Set(Object.keys(document.paths).map(manifestRouteOf));
  const routes = apiRoutesOfBuild();
  expect(routes.filter((route) => !documented.has(route)), "every /api/v1 route is in the matrix").toEqual([]);

  const invited = await api.post("/api/v1/users", { data: exampleBodies.inviteUsers!("matrix.target") });
  expect(invited.status()).toBe(201);
  const ourId = ((await invited.json()) as { data: { id: string }[] }).data[0]!.id;
  const before = await ours(api);

  const callers = await keyCallers(playwright);
  const answers: string[] = [];
  const expected: string[] = [];
  let unauthorizedBody: string | null = null;
  for (const caller of callers) {
    for (const op of operationsOf(document)) {
      if (op.operation.security?.length === 0) continue; // openapi.json: public
      const namesId = op.path.includes("{id}");
      // The other organization's own setup stays unsaved (e2e/authorization.spec.ts shows its admin an
      // organization where nothing happened): its PUT carries a name the schema refuses.
      const body =
        caller.label === "another organization's key" && op.operation.operationId === "saveInvitationSettings"
          ? { organizationName: "" }
          : exampleBodies[op.operation.operationId]?.("intruder.matrix");
      const response = await caller.request.fetch(op.path.replace("{id}", ourId), { method: op.method, data: body });
      const status = caller.expected(namesId);
      const label = `${caller.label} → ${op.method} ${op.path}`;
      answers.push(`${label}: ${status === null ? (response.status() < 500 ? "below 500" : response.status()) : response.status()}`);
      expected.push(`${label}: ${status ?? "below 500"}`);
      if (response.status() === 401) {
        expect(response.headers()["www-authenticate"]).toMatch(/^Bearer/);
        const text = await response.text();
        unauthorizedBody ??= text;
        expect(text, "one 401 whatever was wrong with the key").toBe(unauthorizedBody);
      }
    }
    await caller.request.dispose();
  }
  expect(answers).toEqual(expected);
  expect(await ours(api)).toEqual(before);
  await api.dispose();
});

/** Every SCIM route of the build, each method it answers, and a body for those that take one. */
const scimOperations = [
  { method: "GET", path: "/scim/v2/ServiceProviderConfig" },
  { method: "GET", path: "/scim/v2/ResourceTypes" },
  { method: "GET", path: "/scim/v2/Schemas" },
  { method: "GET", path: "/scim/v2/Users" },
  { method: "POST", path: "/scim/v2/Users", body: { userName: "intruder.scim@example.com", name: { givenName: "In", familyName: "Truder" } } },
  { method: "GET", path: "/scim/v2/Users/{id}" },
  { method: "PUT", path: "/scim/v2/Users/{id}", body: { userName: "scim.matrix.target@example.com", name: { givenName: "Hijacked", familyName: "Name" }, active: false } },
  { method: "PATCH", path: "/scim/v2/Users/{id}", body: { Operations: [{ op: "replace", value: { active: false, "name.givenName": "Hijacked" } }] } },
  { method: "DELETE", path: "/scim/v2/Users/{id}" },
];

/** Everything of ours SCIM can see: every user, a page of 200 at a time. */
async function oursThroughScim(api: APIRequestContext) {
  const users: unknown[] = [];
  for (let start = 1; ; start += 200) {
    const response = await api.get(`/scim/v2/Users?startIndex=${start}&count=200`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { Resources: unknown[]; totalResults: number };
    users.push(...page.Resources);
    if (start + 200 > page.totalResults) return users;
  }
}

test("SCIM: no key, a revoked key and another organization's key change nothing of ours", async ({ playwright }) => {
  const routes = apiRoutesOfBuild("/scim/v2/");
  const covered = new Set(scimOperations.map((op) => manifestRouteOf(op.path)));
  expect(routes.filter((route) => !covered.has(route)), "every /scim/v2 route is in the matrix").toEqual([]);

  const api = await context(playwright, apiKeyPrincipals.ours.secret);
  const created = await api.post("/scim/v2/Users", {
    data: { userName: "scim.matrix.target@example.com", name: { givenName: "Scim", familyName: "Target" } },
  });
  expect(created.status()).toBe(201);
  const ourId = ((await created.json()) as { id: string }).id;
  const before = await oursThroughScim(api);

  const callers = await keyCallers(playwright);
  const answers: string[] = [];
  const expected: string[] = [];
  for (const caller of callers) {
    for (const op of scimOperations) {
      const namesId = op.path.includes("{id}");
      const response = await caller.request.fetch(op.path.replace("{id}", ourId), { method: op.method, data: op.body });
      const status = caller.expected(namesId);
      const label = `${caller.label} → ${op.method} ${op.path}`;
      answers.push(`${label}: ${status === null ? (response.status() < 500 ? "below 500" : response.status()) : response.status()}`);
      expected.push(`${label}: ${status ?? "below 500"}`);
      if (response.status() >= 400) {
        expect(response.headers()["content-type"], label).toBe("application/scim+json");
        expect(await response.json(), label).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(response.status()) });
      }
    }
    await caller.request.dispose();
  }
  expect(answers).toEqual(expected);
  expect(await oursThroughScim(api)).toEqual(before);
  await api.dispose();
});
