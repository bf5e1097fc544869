import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as userRoute from "@/app/scim/v2/Users/[id]/route";
import * as usersRoute from "@/app/scim/v2/Users/route";
import type { DatabaseHandle } from "@/db/client";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { acceptableEmail, acceptableName, hostileJson, hostileString, hostileValue, propertyRuns, refusedName } from "@/test/fixtures/hostile-input";
import { inviteOne, inviter, readyOrganization } from "@/test/fixtures/invitations";
import { callRoute, useDatabaseForRoutes } from "@/test/support/api-calls";
import { rowsSnapshot } from "@/test/support/rows-snapshot";
import { createTestDatabase } from "@/test/support/test-database";

/**
 * Hostile bodies, ids and query strings sent to the SCIM route handlers against a real database:
 * every answer is below 500 (a SCIM error object when refused), and a refused request writes nothing.
 */
vi.mock("@/lib/email/delivery-loop", () => ({ wakeDeliveryWorkers: () => {} }));

const databaseRuns = { ...propertyRuns, numRuns: Math.max(1, Math.ceil((propertyRuns.numRuns ?? 100) / 4)) };

let handle: DatabaseHandle;
let restoreDatabase: () => void;
let key: string;
let memberId: string;

const isScimError = (answer: { status: number; headers: Headers; body: unknown }) =>
  answer.headers.get("content-type") === "application/scim+json" &&
  typeof (answer.body as { detail?: unknown }).detail === "string" &&
  (answer.body as { status?: unknown }).status === String(answer.status);

beforeAll(async () => {
  vi.stubEnv("RATE_LIMIT_API_REQUESTS_PER_KEY_PER_MINUTE", "1000000");
  vi.stubEnv("RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR", "1000000");
  handle = await createTestDatabase();
  restoreDatabase = useDatabaseForRoutes(handle);
  const organizationId = (await readyOrganization(handle.db, new Date())).id;
  key = (await createApiKey(handle.db, { organizationId, name: "Hostile IdP", actorEmail: inviter.email, now: new Date() })).secret;
  memberId = (await inviteOne(handle.db, organizationId, "kept@scim-hostile.test", new Date())).member.id;
});
afterAll(async () => {
  restoreDatabase();
  vi.unstubAllEnvs();
  await handle.close();
});

/** User resources with any attribute hostile, `active` left out (false would remove, which is a write). */
const hostileResource = fc.oneof(
  hostileJson,
  fc
    .record(
      {
        schemas: hostileValue,
        userName: fc.oneof(hostileValue, acceptableEmail),
        name: fc.oneof(hostileValue, fc.record({ givenName: fc.oneof(hostileValue, acceptableName), familyName: fc.oneof(hostileValue, refusedName) }, { requiredKeys: [] })),
        externalId: hostileValue,
        emails: hostileValue,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

const patchPath = fc.oneof(
  fc.constantFrom("name.givenName", "name.familyName", "name", "userName", "externalId", 'emails[type eq "work"].value', "emails", "displayName"),
  hostileString,
);
/** Operations with hostile ops, paths and values, never one that could set `active` (a removal is a write). */
const hostilePatch = fc.oneof(
  hostileJson,
  fc
    .array(fc.record({ op: fc.oneof(fc.constantFrom("add", "Replace", "remove"), hostileString), path: patchPath, value: hostileValue }, { requiredKeys: [] }), { maxLength: 4 })
    .filter((operations) => operations.every((operation) => !/active/i.test(operation.path ?? "") && !/active/i.test(JSON.stringify(operation.value ?? null))))
    .map((Operations) => JSON.stringify({ Operations })),
);

describe("SCIM, given hostile input", () => {
  it("POST /Users: never a 5xx, and a refused body writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(hostileResource, async (text) => {
        const before = await rowsSnapshot(handle.db);
        const answer = await callRoute(usersRoute.POST, { key, method: "POST", path: "/scim/v2/Users", body: text });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(isScimError(answer)).toBe(true);
          expect(await rowsSnapshot(handle.db)).toEqual(before);
        }
      }),
      databaseRuns,
    );
  });

  it("GET, PUT, PATCH and DELETE of /Users/{id} with ids not of ours: 404 SCIM errors, nothing written", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.uuid()), hostilePatch, async (id, text) => {
        const before = await rowsSnapshot(handle.db);
        for (const [handler, method] of [[userRoute.GET, "GET"], [userRoute.PUT, "PUT"], [userRoute.PATCH, "PATCH"], [userRoute.DELETE, "DELETE"]] as const) {
          const answer = await callRoute(handler, { key, method, path: "/", params: { id }, ...(method === "PUT" || method === "PATCH" ? { body: text } : {}) });
          expect(answer.status).toBe(404);
          expect(isScimError(answer)).toBe(true);
        }
        expect(await rowsSnapshot(handle.db)).toEqual(before);
      }),
      databaseRuns,
    );
  });

  it("PATCH and PUT of our user with hostile bodies: never a 5xx, a refused one writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), hostilePatch, hostileResource, async (patch, patchText, putText) => {
        const before = await rowsSnapshot(handle.db);
        const answer = patch
          ? await callRoute(userRoute.PATCH, { key, method: "PATCH", path: "/", params: { id: memberId }, body: patchText })
          : await callRoute(userRoute.PUT, { key, method: "PUT", path: "/", params: { id: memberId }, body: putText });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(isScimError(answer)).toBe(true);
          expect(await rowsSnapshot(handle.db)).toEqual(before);
        }
      }),
      databaseRuns,
    );
  });

  it("GET /Users with hostile filters, startIndex and count: 200 or 400 invalidFilter, never a 5xx", async () => {
    const filter = fc.oneof(
      hostileString,
      hostileString.map((value) => `userName eq ${JSON.stringify(value)}`),
      hostileString.map((value) => `externalId eq "${value}"`),
    );
    const query = fc.record({ filter, startIndex: hostileString, count: hostileString }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(query, async (parameters) => {
        const answer = await callRoute(usersRoute.GET, { key, path: `/scim/v2/Users?${new URLSearchParams(parameters).toString()}` });
        expect(answer.status).toBeLessThan(500);
        if (answer.status !== 200) {
          expect(answer.status).toBe(400);
          expect(answer.body).toMatchObject({ scimType: "invalidFilter" });
        } else {
          expect((answer.body as { itemsPerPage: number }).itemsPerPage).toBeLessThanOrEqual(200);
        }
      }),
      databaseRuns,
    );
  });

  it("a PATCH whose last operation is refused applies none of the earlier ones", async () => {
    const before = await rowsSnapshot(handle.db);
    for (const refused of [
      { op: "replace", path: "userName", value: "another@scim-hostile.test" },
      { op: "replace", path: "name.familyName", value: "=HYPERLINK(1)" },
      { op: "remove", path: "name.givenName" },
      { op: "explode", path: "externalId", value: "x" },
    ]) {
      const answer = await callRoute(userRoute.PATCH, {
        key,
        method: "PATCH",
        path: "/",
        params: { id: memberId },
        body: { Operations: [{ op: "replace", path: "name.givenName", value: "Changed" }, { op: "add", path: "externalId", value: "changed" }, refused] },
      });
      expect(answer.status).toBe(400);
      expect(isScimError(answer)).toBe(true);
    }
    expect(await rowsSnapshot(handle.db)).toEqual(before);
  });

  it("bytes that are not UTF-8 are a 400 SCIM error, writing nothing", async () => {
    const before = await rowsSnapshot(handle.db);
    const request = new Request("http://localhost/scim/v2/Users", { method: "POST", headers: { Authorization: `Bearer ${key}` }, body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    const answer = await usersRoute.POST(request, { params: Promise.resolve({}) });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toBe("application/scim+json");
    expect(await rowsSnapshot(handle.db)).toEqual(before);
  });
});
