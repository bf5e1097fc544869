import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as invitationSettingsRoute from "@/app/api/v1/invitation-settings/route";
import * as userResendRoute from "@/app/api/v1/users/[id]/resend/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import type { DatabaseHandle } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { acceptableEmail, hostileJson, hostileString, hostileValue, propertyRuns, refusedName } from "@/test/fixtures/hostile-input";
import { inviteOne, inviter, readyOrganization } from "@/test/fixtures/invitations";
import { callRoute, useDatabaseForRoutes } from "@/test/support/api-calls";
import { rowsSnapshot } from "@/test/support/rows-snapshot";
import { createTestDatabase } from "@/test/support/test-database";

/**
 * Hostile JSON bodies, query strings and headers sent to the REST API's route handlers against a
 * real database: every answer is below 500 (a 4xx problem when refused), and a refused request
 * writes nothing at all.
 */
vi.mock("@/lib/email/delivery-loop", () => ({ wakeDeliveryWorkers: () => {} }));

const databaseRuns = { ...propertyRuns, numRuns: Math.max(1, Math.ceil((propertyRuns.numRuns ?? 100) / 4)) };

let handle: DatabaseHandle;
let restoreDatabase: () => void;
let key: string;
let memberId: string;

/**
 * Everything a request could change of the organization. Not compared: the rate limit's counters, the
 * key's last use, and an Idempotency-Key's record, which keeps a refusal's answer to give it again.
 */
const isProblem = (answer: { status: number; headers: Headers; body: unknown }) =>
  answer.headers.get("content-type") === "application/problem+json" &&
  typeof (answer.body as { detail?: unknown }).detail === "string" &&
  (answer.body as { status?: unknown }).status === answer.status;

beforeAll(async () => {
  vi.stubEnv("RATE_LIMIT_API_REQUESTS_PER_KEY_PER_MINUTE", "1000000");
  vi.stubEnv("RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR", "1000000");
  handle = await createTestDatabase();
  restoreDatabase = useDatabaseForRoutes(handle);
  const organizationId = (await readyOrganization(handle.db, new Date())).id;
  key = (await createApiKey(handle.db, { organizationId, name: "Hostile", actorEmail: inviter.email, now: new Date() })).secret;
  memberId = (await inviteOne(handle.db, organizationId, "kept@hostile.test", new Date())).member.id;
});
afterAll(async () => {
  restoreDatabase();
  vi.unstubAllEnvs();
  await handle.close();
});

describe("the REST API, given hostile input", () => {
  it("POST /api/v1/users: never a 5xx, and a refused body writes nothing", async () => {
    const body = fc.oneof(
      hostileJson,
      fc.array(fc.record({ firstName: hostileValue, lastName: hostileValue, email: hostileValue, role: hostileValue }, { requiredKeys: [] }), { maxLength: 3 }).map((users) => JSON.stringify({ users })),
      fc.tuple(refusedName, acceptableEmail).map(([firstName, email]) => JSON.stringify({ users: [{ firstName, lastName: "Lee", email }] })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.option(hostileString, { nil: undefined }), async (text, idempotencyKey) => {
        const before = await rowsSnapshot(handle.db);
        const headers: Record<string, string> = {};
        if (idempotencyKey !== undefined && /^[\x20-\x7e]*$/.test(idempotencyKey)) headers["Idempotency-Key"] = idempotencyKey;
        const answer = await callRoute(usersRoute.POST, { key, method: "POST", path: "/api/v1/users", body: text, headers });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(isProblem(answer)).toBe(true);
          expect(await rowsSnapshot(handle.db)).toEqual(before);
        }
      }),
      databaseRuns,
    );
  });

  it("PATCH, DELETE and resend of /api/v1/users/{id} with hostile ids and bodies: never a 5xx, nothing written when refused", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.uuid()), hostileJson, async (id, text) => {
        const before = await rowsSnapshot(handle.db);
        for (const [handler, method] of [[userRoute.PATCH, "PATCH"], [userRoute.GET, "GET"], [userRoute.DELETE, "DELETE"], [userResendRoute.POST, "POST"]] as const) {
          const answer = await callRoute(handler, { key, method, path: "/", params: { id }, ...(method === "PATCH" ? { body: text } : {}) });
          expect(answer.status).toBeLessThan(500);
          expect(answer.status, "no one of ours is named").toBeGreaterThanOrEqual(400);
          expect(isProblem(answer)).toBe(true);
        }
        expect(await rowsSnapshot(handle.db)).toEqual(before);
      }),
      databaseRuns,
    );
    // Our own user, with a hostile body: refused unless it is exactly a role.
    await fc.assert(
      fc.asyncProperty(hostileJson, async (text) => {
        const before = await rowsSnapshot(handle.db);
        const answer = await callRoute(userRoute.PATCH, { key, method: "PATCH", path: "/", params: { id: memberId }, body: text });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) expect(await rowsSnapshot(handle.db)).toEqual(before);
      }),
      databaseRuns,
    );
  });

  it("PUT /api/v1/invitation-settings: never a 5xx, and a refused body writes nothing", async () => {
    const body = fc.oneof(
      hostileJson,
      fc.record({ organizationName: hostileValue, contactEmail: hostileValue, customMessage: hostileValue, validityDays: hostileValue, reminderDaysBefore: hostileValue }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      refusedName.map((organizationName) => JSON.stringify({ organizationName })),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = await rowsSnapshot(handle.db);
        const answer = await callRoute(invitationSettingsRoute.PUT, { key, method: "PUT", path: "/api/v1/invitation-settings", body: text });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(isProblem(answer)).toBe(true);
          expect(await rowsSnapshot(handle.db)).toEqual(before);
        }
      }),
      databaseRuns,
    );
  });

  it("GET /api/v1/users with hostile query strings and Authorization headers: never a 5xx", async () => {
    const query = fc.dictionary(fc.constantFrom("q", "status", "limit", "cursor", "other"), hostileString, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(query, hostileString, async (parameters, authorization) => {
        const search = new URLSearchParams(parameters).toString();
        const answer = await callRoute(usersRoute.GET, { key, path: `/api/v1/users?${search}` });
        expect(answer.status).toBeLessThan(500);
        if (answer.status !== 200) expect([422]).toContain(answer.status);
        let header = `Bearer ${authorization}`;
        if (!/^[\x20-\x7e]*$/.test(header)) header = "Bearer x"; // what a Headers object can carry
        const stranger = await callRoute(usersRoute.GET, { path: "/api/v1/users", headers: { Authorization: header } });
        expect(stranger.status).toBe(401);
      }),
      databaseRuns,
    );
    expect((await handle.db.select().from(apiKeys)).length).toBe(1);
  });

  it("bodies larger than 9 MiB are a 413, and bytes that are not UTF-8 a 400, writing nothing", async () => {
    const before = await rowsSnapshot(handle.db);
    const huge = JSON.stringify({ users: [{ firstName: "A".repeat(9 * 1024 * 1024), lastName: "B", email: "huge@hostile.test" }] });
    expect((await callRoute(usersRoute.POST, { key, method: "POST", path: "/api/v1/users", body: huge })).status).toBe(413);
    const notUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const request = new Request("http://localhost/api/v1/users", { method: "POST", headers: { Authorization: `Bearer ${key}` }, body: notUtf8 });
    const answer = await usersRoute.POST(request, { params: Promise.resolve({}) });
    expect(answer.status).toBe(400);
    expect(await rowsSnapshot(handle.db)).toEqual(before);
  });
});
