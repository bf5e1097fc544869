import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP_URL } from "./support/environment";
import { apiRoutesOfBuild, exampleBodies, fetchDocument, manifestRouteOf, mismatchOf, operationsOf, type ApiOperation, type OpenApiDocument } from "./support/api-operations";
import { apiKeyPrincipals } from "./support/principals";

/**
 * /api/v1/openapi.json against the running server: every route handler of the build is in it, and
 * every operation in it, called the way it succeeds and the ways it fails, answers a status the
 * document lists with a body its schema allows.
 */
const key = apiKeyPrincipals.ours.secret;

const apiContext = (playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, secret: string | null) =>
  playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.90", ...(secret ? { Authorization: `Bearer ${secret}` } : {}) },
  });

test("the document is OpenAPI 3.1 with the bearer scheme, and covers every /api/v1 route of the build", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as OpenApiDocument & { openapi: string; components: { securitySchemes: object } };
  expect(document.openapi).toBe("3.1.0");
  expect(document.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: "http", scheme: "bearer" }) });
  const documented = new Set(Object.keys(document.paths).map(manifestRouteOf));
  const routes = apiRoutesOfBuild();
  expect(routes.length).toBeGreaterThanOrEqual(5);
  expect(routes.filter((route) => !documented.has(route)), "routes missing from the OpenAPI document").toEqual([]);
  expect([...documented].filter((route) => !routes.includes(route)), "documented paths without a route").toEqual([]);
});

test("every operation answers as the document says: success, 401, 404 and invalid input", async ({ playwright }) => {
  const api = await apiContext(playwright, key);
  const anonymous = await apiContext(playwright, null);
  const document = await fetchDocument(api);
  const operations = operationsOf(document);
  const unique = `${Date.now()}`;

  const invited = await api.post("/api/v1/users", { data: exampleBodies.inviteUsers!(`${unique}.target`) });
  expect(invited.status()).toBe(201);
  const targetId = ((await invited.json()) as { data: { id: string }[] }).data[0]!.id;
  const settingsBefore = await (await api.get("/api/v1/invitation-settings")).json();

  const mismatches: string[] = [];
  const check = async (label: string, operation: ApiOperation, call: () => ReturnType<APIRequestContext["fetch"]>, expectedStatus: number) => {
    const response = await call();
    if (response.status() !== expectedStatus) mismatches.push(`${label}: ${response.status()}, expected ${expectedStatus}`);
    for (const problem of await mismatchOf(document, operation.operation, response)) mismatches.push(`${label}: ${problem}`);
  };
  // DELETE last: it removes the user the others act on.
  const order = (op: ApiOperation) => (op.method === "DELETE" ? 1 : 0);
  for (const op of [...operations].sort((a, b) => order(a) - order(b))) {
    const path = op.path.replace("{id}", targetId);
    const body = exampleBodies[op.operation.operationId];
    const label = `${op.method} ${op.path}`;
    const data = op.operation.operationId === "saveInvitationSettings" ? settingsBefore.data : body?.(`${unique}.${op.operation.operationId}`);
    const success = op.method === "POST" && op.path === "/api/v1/users" ? 201 : op.method === "DELETE" ? 204 : 200;
    await check(`${label} (valid)`, op, () => api.fetch(path, { method: op.method, data }), success);
    if (op.operation.security?.length === 0) continue; // public
    await check(`${label} (no key)`, op, () => anonymous.fetch(path, { method: op.method, data }), 401);
    if (op.path.includes("{id}")) {
      await check(`${label} (unknown id)`, op, () => api.fetch(op.path.replace("{id}", "00000000-0000-4000-8000-000000000000"), { method: op.method, data }), 404);
    }
    if (op.operation.requestBody) {
      // A user that exists, so that the body is what is refused.
      const fresh = op.path.includes("{id}")
        ? ((await (await api.post("/api/v1/users", { data: exampleBodies.inviteUsers!(`${unique}.bad.${op.operation.operationId}`) })).json()) as { data: { id: string }[] }).data[0]!.id
        : "";
      const target = op.path.replace("{id}", fresh);
      await check(`${label} (not JSON)`, op, () => api.fetch(target, { method: op.method, data: Buffer.from("{not json"), headers: { "Content-Type": "application/json" } }), 400);
      await check(`${label} (wrong shape)`, op, () => api.fetch(target, { method: op.method, data: { users: 1, role: 7, organizationName: [] } }), 422);
    }
  }
  expect(mismatches).toEqual([]);
  expect(await (await api.get("/api/v1/invitation-settings")).json()).toEqual(settingsBefore);
  await api.dispose();
  await anonymous.dispose();
});
