import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as resourceTypesRoute from "@/app/scim/v2/ResourceTypes/route";
import * as schemasRoute from "@/app/scim/v2/Schemas/route";
import * as serviceProviderConfigRoute from "@/app/scim/v2/ServiceProviderConfig/route";
import * as userRoute from "@/app/scim/v2/Users/[id]/route";
import * as usersRoute from "@/app/scim/v2/Users/route";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, emails, members, organizations } from "@/db/schema";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { joinWithToken } from "@/lib/invitations/join";
import { inviteOne, inviter, readyOrganization, tokenEmailedTo } from "@/test/fixtures/invitations";
import { callRoute, useDatabaseForRoutes, type ApiCall } from "@/test/support/api-calls";
import { createTestDatabase } from "@/test/support/test-database";
import { SCIM_SETUP_REQUIRED } from "./scim-operations";

/**
 * The request sequences Okta's SCIM 2.0 spec test (its Runscope suite) and Microsoft Entra ID's SCIM
 * Validator send, replayed against the route handlers on a real database, with the status codes and
 * the response shapes those validators check; then what Roster itself promises of them (the Activity
 * log names the key, the invitation waits in the outbox, a removal revokes the link).
 */
vi.mock("@/lib/email/delivery-loop", () => ({ wakeDeliveryWorkers: () => {} }));

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ROSTER = "urn:roster:params:scim:schemas:extension:2.0:User";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/** Okta's SCIM client's headers. */
const OKTA_HEADERS = { "Content-Type": "application/scim+json; charset=utf-8", Accept: "application/scim+json", "User-Agent": "OKTA SCIM Integration" };

let handle: DatabaseHandle;
let db: Database;
let restoreDatabase: () => void;
let organizationId: string;
let key: string;
let keyId: string;
let otherKey: string;

type Body = Record<string, unknown> & { Resources: Record<string, unknown>[] };
const scim = async (handler: unknown, call: Omit<ApiCall, "key"> & { key?: string | null }) => {
  const answer = await callRoute(handler, { key, headers: OKTA_HEADERS, ...call });
  return { ...answer, body: answer.body as Body };
};
const list = (query: string, callKey = key) => scim(usersRoute.GET, { path: `/scim/v2/Users${query}`, key: callKey });
const getUser = (id: string, callKey = key) => scim(userRoute.GET, { path: `/scim/v2/Users/${id}`, params: { id }, key: callKey });
const postUser = (body: unknown, callKey = key) => scim(usersRoute.POST, { method: "POST", path: "/scim/v2/Users", body, key: callKey });
const patchUser = (id: string, body: unknown, callKey = key) =>
  scim(userRoute.PATCH, { method: "PATCH", path: `/scim/v2/Users/${id}`, params: { id }, body, key: callKey });
const putUser = (id: string, body: unknown, callKey = key) =>
  scim(userRoute.PUT, { method: "PUT", path: `/scim/v2/Users/${id}`, params: { id }, body, key: callKey });
const deleteUser = (id: string, callKey = key) => scim(userRoute.DELETE, { method: "DELETE", path: `/scim/v2/Users/${id}`, params: { id }, key: callKey });
const filterUserName = (userName: string) => list(`?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);

const oktaUser = (userName: string, givenName: string, familyName: string) => ({
  schemas: [CORE],
  userName,
  name: { givenName, familyName },
  emails: [{ primary: true, value: userName, type: "work" }],
  displayName: `${givenName} ${familyName}`,
  locale: "en-US",
  groups: [],
  password: "1mz050nq",
  active: true,
});

function expectScimError(answer: { status: number; headers: Headers; body: Body }, status: number, scimType?: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/scim+json");
  expect(answer.body.schemas).toEqual([ERROR]);
  expect(answer.body.status).toBe(String(status));
  expect(typeof answer.body.detail).toBe("string");
  if (scimType) expect(answer.body.scimType).toBe(scimType);
}

const auditOf = (memberId: string) =>
  db
    .select({ action: auditEvents.action, actorApiKeyId: auditEvents.actorApiKeyId, actorEmail: auditEvents.actorEmail, details: auditEvents.details })
    .from(auditEvents)
    .where(eq(auditEvents.memberId, memberId))
    .orderBy(auditEvents.createdAt, auditEvents.id);

beforeAll(async () => {
  vi.stubEnv("RATE_LIMIT_API_REQUESTS_PER_KEY_PER_MINUTE", "1000000");
  vi.stubEnv("APP_URL", "https://roster.example");
  handle = await createTestDatabase();
  db = handle.db;
  restoreDatabase = useDatabaseForRoutes(handle);
  organizationId = (await readyOrganization(db, new Date())).id;
  const created = await createApiKey(db, { organizationId, name: "Okta", actorEmail: inviter.email, now: new Date() });
  key = created.secret;
  keyId = created.id;
  const [other] = await db.insert(organizations).values({ name: "Globex" }).returning();
  otherKey = (await createApiKey(db, { organizationId: other!.id, name: "Globex", actorEmail: "boss@globex.test", now: new Date() })).secret;
});
afterAll(async () => {
  restoreDatabase();
  vi.unstubAllEnvs();
  await handle.close();
});

describe("Okta's SCIM 2.0 spec test", () => {
  const userName = "Runscope300Hfluaklab151@example.com";
  let bjensenId: string;
  let userId: string;

  it("setup: creates bjensen (201)", async () => {
    const created = await postUser(oktaUser("bjensen@example.com", "Barbara", "Jensen"));
    expect(created.status).toBe(201);
    bjensenId = created.body.id as string;
  });

  it("Test Users endpoint: GET /Users?count=1&startIndex=1 is a ListResponse of one complete user", async () => {
    const answer = await list("?count=1&startIndex=1");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/scim+json");
    expect(answer.body.schemas).toContain(LIST);
    expect(answer.body).toMatchObject({ itemsPerPage: 1, startIndex: 1, totalResults: expect.any(Number) });
    const [first] = answer.body.Resources;
    expect(first).toMatchObject({
      id: expect.any(String),
      userName: expect.any(String),
      name: { givenName: expect.any(String), familyName: expect.any(String) },
      active: true,
      emails: [{ value: expect.any(String) }],
    });
  });

  it("Get Users/{{id}}: 200 with the same user", async () => {
    const answer = await getUser(bjensenId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: bjensenId,
      userName: "bjensen@example.com",
      name: { givenName: "Barbara", familyName: "Jensen" },
      active: true,
      emails: [{ value: "bjensen@example.com", type: "work", primary: true }],
      [ROSTER]: { status: "pending" },
      meta: { resourceType: "User", location: `https://roster.example/scim/v2/Users/${bjensenId}` },
    });
  });

  it("Test invalid User by username, and make sure the random user doesn't exist: totalResults 0", async () => {
    for (const name of ["abcdefgh@example.com", userName]) {
      const answer = await filterUserName(name);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    }
  });

  it("Test invalid User by ID, Check status 404: a SCIM error with detail and status \"404\"", async () => {
    expectScimError(await getUser("010101001010101011001010101011"), 404);
    expectScimError(await getUser("3e7a8bd2-8ea0-4e7c-9c8f-0e1f6a0f54b7"), 404);
  });

  it("Create Okta user with realistic values: 201, userName as sent, active", async () => {
    const answer = await postUser(oktaUser(userName, "Runscope300", "Hfluaklab151"));
    expect(answer.status).toBe(201);
    expect(answer.body.schemas).toContain(CORE);
    expect(answer.body).toMatchObject({
      active: true,
      userName,
      name: { givenName: "Runscope300", familyName: "Hfluaklab151" },
      emails: [{ value: userName }],
    });
    userId = answer.body.id as string;
    expect(answer.headers.get("location")).toBe(`https://roster.example/scim/v2/Users/${userId}`);
  });

  it("Verify that user was created: GET /Users/{id}", async () => {
    const answer = await getUser(userId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ userName, name: { givenName: "Runscope300", familyName: "Hfluaklab151" } });
  });

  it("Expect failure when recreating user with same values: 409 uniqueness", async () => {
    expectScimError(await postUser(oktaUser(userName, "Runscope300", "Hfluaklab151")), 409, "uniqueness");
    expectScimError(await postUser(oktaUser(userName.toLowerCase(), "Other", "Case")), 409, "uniqueness");
  });

  it("Username Case Sensitivity Check: the address in capitals finds the user", async () => {
    const answer = await filterUserName("RUNSCOPE300HFLUAKLAB151@EXAMPLE.COM");
    expect(answer.status).toBe(200);
    expect(answer.body.totalResults).toBe(1);
    expect(answer.body.Resources[0]).toMatchObject({ id: userId, userName });
  });

  it("profile update: PUT with a new first name answers 200 with it", async () => {
    const answer = await putUser(userId, { ...oktaUser(userName, "Runscope301", "Hfluaklab151"), id: userId });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: userId, name: { givenName: "Runscope301", familyName: "Hfluaklab151" }, active: true });
    expect((await getUser(userId)).body).toMatchObject({ name: { givenName: "Runscope301" } });
  });

  it("deactivate: PATCH replace { active: false } answers 200 active false; then the user is 404 and found by no filter", async () => {
    const answer = await patchUser(userId, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: userId, userName, active: false });
    expectScimError(await getUser(userId), 404);
    expect((await filterUserName(userName)).body.totalResults).toBe(0);
  });

  it("reactivate: Okta finds no user and creates it again, a new invitation under a new id", async () => {
    const answer = await postUser(oktaUser(userName, "Runscope301", "Hfluaklab151"));
    expect(answer.status).toBe(201);
    expect(answer.body.id).not.toBe(userId);
    expect(answer.body).toMatchObject({ userName, active: true, [ROSTER]: { status: "pending" } });
    expect((await filterUserName(userName)).body.totalResults).toBe(1);
  });
});

describe("Microsoft Entra ID's SCIM Validator", () => {
  const userName = "Ryan.Tester_9f3a@Contoso.example";
  const externalId = "8c1f9d0e-entra-object-id";
  let userId: string;
  const entraUser = (extra: Record<string, unknown> = {}) => ({
    schemas: [CORE, ENTERPRISE],
    externalId,
    userName,
    active: true,
    displayName: "Ryan Tester",
    title: "Engineer",
    emails: [{ type: "work", value: userName, primary: true }],
    name: { formatted: "Ryan Tester", familyName: "Tester", givenName: "Ryan" },
    phoneNumbers: [{ type: "work", value: "+1 555 0100" }],
    addresses: [{ type: "work", locality: "Redmond", country: "US", primary: true }],
    [ENTERPRISE]: { employeeNumber: "701984", department: "R&D", manager: { value: "boss" } },
    ...extra,
  });

  it("Create a new User: 201 with externalId kept", async () => {
    const answer = await postUser(entraUser());
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ userName, externalId, active: true, name: { givenName: "Ryan", familyName: "Tester" } });
    userId = answer.body.id as string;
    const [row] = await db.select().from(members).where(eq(members.id, userId));
    expect(row).toMatchObject({ email: userName.toLowerCase(), externalId, scimUserName: userName, firstName: "Ryan", role: "member" });
  });

  it("Filter User by existing userName, in another case, by externalId and by work email: one result", async () => {
    for (const filter of [
      `userName eq "${userName}"`,
      `userName eq "${userName.toUpperCase()}"`,
      `externalId eq "${externalId}"`,
      `emails[type eq "work"].value eq "${userName}"`,
    ]) {
      const answer = await list(`?filter=${encodeURIComponent(filter)}`);
      expect(answer.status, filter).toBe(200);
      expect(answer.body, filter).toMatchObject({ schemas: [LIST], totalResults: 1, Resources: [{ id: userId, userName }] });
    }
  });

  it("Filter User with non-existing values: 200 with no results; an externalId is case-exact", async () => {
    for (const filter of [`userName eq "nobody_${Date.now()}@contoso.example"`, `externalId eq "${externalId.toUpperCase()}"`]) {
      const answer = await list(`?filter=${encodeURIComponent(filter)}`);
      expect(answer.body).toMatchObject({ totalResults: 0, Resources: [] });
    }
  });

  it("Get User by id: 200", async () => {
    expect((await getUser(userId)).body).toMatchObject({ id: userId, externalId, userName });
  });

  it("Patch User - Replace Attributes (path form, op names in any case, attributes Roster does not keep ignored): 200", async () => {
    const answer = await patchUser(userId, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: "name.givenName", value: "Bryan" },
        { op: "replace", path: "name.familyName", value: "Quester" },
        { op: "Add", path: "externalId", value: "changed-object-id" },
        { op: "Replace", path: "displayName", value: "Bryan Quester" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: userName },
        { op: "Add", path: "title", value: "Manager" },
        { op: "Replace", path: `${ENTERPRISE}:department`, value: "Sales" },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: userId, externalId: "changed-object-id", name: { givenName: "Bryan", familyName: "Quester" }, displayName: "Bryan Quester" });
    const audit = await auditOf(userId);
    expect(audit.at(-1)).toEqual({
      action: "user.details_changed",
      actorApiKeyId: keyId,
      actorEmail: null,
      details: { email: userName.toLowerCase(), firstName: "Bryan", lastName: "Quester", externalId: "changed-object-id" },
    });
  });

  it("Patch User - Replace Attributes (value-object form, dotted keys): 200", async () => {
    const answer = await patchUser(userId, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", value: { "name.givenName": "Ryan", "name.familyName": "Tester", externalId, [`${ENTERPRISE}:employeeNumber`]: "1" } }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ externalId, name: { givenName: "Ryan", familyName: "Tester" } });
  });

  it("Patch User - userName to another address is refused (400 mutability) and changes nothing; another case is kept", async () => {
    const before = await db.select().from(members).where(eq(members.id, userId));
    expectScimError(await patchUser(userId, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "name.givenName", value: "Zed" }, { op: "Replace", path: "userName", value: "someone.else@contoso.example" }] }), 400, "mutability");
    expect(await db.select().from(members).where(eq(members.id, userId))).toEqual(before);
    const recased = await patchUser(userId, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "userName", value: userName.toLowerCase() }] });
    expect(recased.status).toBe(200);
    expect(recased.body.userName).toBe(userName.toLowerCase());
  });

  it('Patch User - Disable User ("False" as Entra ID sends it): 200 active false, removed as in the console', async () => {
    const token = await tokenEmailedTo(db, userName.toLowerCase());
    const answer = await patchUser(userId, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: userId, active: false });
    expectScimError(await getUser(userId), 404);
    const audit = await auditOf(userId);
    expect(audit.at(-1)).toMatchObject({ action: "user.removed", actorApiKeyId: keyId, actorEmail: null });
    // The link stops working and the queued invitation email is cancelled.
    expect(await joinWithToken(db, token, new Date())).toMatchObject({ ok: false, lookup: { state: "revoked" } });
    const queued = await db.select({ status: emails.status }).from(emails).where(eq(emails.memberId, userId));
    expect(queued.map((email) => email.status)).not.toContain("queued");
  });

  it("re-provisioning: POST again creates the user (a new invitation), and a duplicate is 409 uniqueness", async () => {
    const created = await postUser(entraUser());
    expect(created.status).toBe(201);
    userId = created.body.id as string;
    expectScimError(await postUser(entraUser()), 409, "uniqueness");
    const sent = await db.select().from(emails).where(and(eq(emails.memberId, userId), eq(emails.kind, "invitation")));
    expect(sent).toHaveLength(1);
  });

  it("Delete User: 204 and no body; GET and a second DELETE are 404", async () => {
    const answer = await deleteUser(userId);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");
    expectScimError(await getUser(userId), 404);
    expectScimError(await deleteUser(userId), 404);
    expect((await auditOf(userId)).at(-1)).toMatchObject({ action: "user.removed", actorApiKeyId: keyId });
  });
});

describe("list paging", () => {
  it("startIndex and count walk every user once in a stable order; count 0 gives totalResults only; count above 200 is lowered", async () => {
    for (let i = 0; i < 5; i++) expect((await postUser(oktaUser(`page${i}@paging.test`, "Page", `Number${i}`))).status).toBe(201);
    const everyone = await list("?count=1000");
    const total = everyone.body.totalResults as number;
    expect(everyone.body.itemsPerPage).toBe(total);
    const seen: string[] = [];
    for (let start = 1; start <= total; start += 2) {
      const page = await list(`?startIndex=${start}&count=2`);
      expect(page.body).toMatchObject({ totalResults: total, startIndex: start });
      seen.push(...page.body.Resources.map((user) => user.id as string));
    }
    expect(seen).toEqual(everyone.body.Resources.map((user) => user.id));
    expect(new Set(seen).size).toBe(total);
    expect((await list("?count=0")).body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
    expect((await list("?startIndex=0&count=1")).body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    expect((await list(`?startIndex=${total + 1}`)).body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
  });

  it("an unsupported filter is 400 invalidFilter", async () => {
    for (const filter of ['userName sw "a"', 'displayName eq "x"', 'userName eq "a" or userName eq "b"', "active eq true"]) {
      expectScimError(await list(`?filter=${encodeURIComponent(filter)}`), 400, "invalidFilter");
    }
  });
});

describe("discovery", () => {
  it("ServiceProviderConfig: patch and filter supported (maxResults), bulk not, etag not, oauthbearertoken", async () => {
    const answer = await scim(serviceProviderConfigRoute.GET, { path: "/scim/v2/ServiceProviderConfig" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/scim+json");
    expect(answer.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      etag: { supported: false },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
    });
  });

  it("ResourceTypes: User with Roster's extension; Schemas: the core User (userName immutable) and the extension", async () => {
    const types = await scim(resourceTypesRoute.GET, { path: "/scim/v2/ResourceTypes" });
    expect(types.body).toMatchObject({ totalResults: 1, Resources: [{ id: "User", endpoint: "/Users", schema: CORE, schemaExtensions: [{ schema: ROSTER }] }] });
    const schemas = await scim(schemasRoute.GET, { path: "/scim/v2/Schemas" });
    expect(schemas.body.Resources.map((schema) => schema.id)).toEqual([CORE, ROSTER]);
    const attributes = schemas.body.Resources[0]!.attributes as { name: string; mutability: string }[];
    expect(attributes.find((attribute) => attribute.name === "userName")).toMatchObject({ mutability: "immutable" });
  });
});

describe("keys, organizations and refusals", () => {
  it("no key, a wrong key and a revoked key: the same 401 SCIM error", async () => {
    const { secret, id } = await createApiKey(db, { organizationId, name: "Short-lived", actorEmail: inviter.email, now: new Date() });
    expect((await list("", secret)).status).toBe(200);
    await revokeApiKey(db, { organizationId, apiKeyId: id, actorEmail: inviter.email, now: new Date() });
    const answers = await Promise.all([secret, null, "rst_" + "A".repeat(43), "nonsense"].map((candidate) => list("", candidate as string)));
    for (const answer of answers) {
      expectScimError(answer, 401);
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(answer.text).toBe(answers[0]!.text);
    }
    expectScimError(await scim(serviceProviderConfigRoute.GET, { path: "/scim/v2/ServiceProviderConfig", key: null }), 401);
  });

  it("another organization's key: our users are 404 to read, change and delete, and absent from its list", async () => {
    const { member } = await inviteOne(db, organizationId, "ours@scim.test", new Date());
    const before = await db.select().from(members).where(eq(members.id, member.id));
    expectScimError(await getUser(member.id, otherKey), 404);
    expectScimError(await patchUser(member.id, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: false }] }, otherKey), 404);
    expectScimError(await putUser(member.id, oktaUser("ours@scim.test", "Their", "Name"), otherKey), 404);
    expectScimError(await deleteUser(member.id, otherKey), 404);
    const theirs = await scim(usersRoute.GET, { path: `/scim/v2/Users?filter=${encodeURIComponent('userName eq "ours@scim.test"')}`, key: otherKey });
    expect(theirs.body.totalResults).toBe(0);
    expect(await db.select().from(members).where(eq(members.id, member.id))).toEqual(before);
  });

  it("POST without invitation setup: 400 saying to set it up, nothing written", async () => {
    const answer = await postUser(oktaUser("new@globex.test", "New", "Person"), otherKey);
    expectScimError(answer, 400);
    expect(answer.body.detail).toBe(SCIM_SETUP_REQUIRED);
    expect(await db.select().from(members).where(eq(members.email, "new@globex.test"))).toEqual([]);
  });

  it("bodies: not JSON 400 invalidSyntax, missing names 400 invalidValue, over 64 KiB 413, all as SCIM errors", async () => {
    expectScimError(await postUser("{not json"), 400, "invalidSyntax");
    expectScimError(await postUser({ schemas: [CORE], userName: "noname@scim.test" }), 400, "invalidValue");
    expectScimError(await postUser({ ...oktaUser("bad", "A", "B") }), 400, "invalidValue");
    expectScimError(await postUser({ ...oktaUser("big@scim.test", "A", "B"), filler: "x".repeat(70 * 1024) }), 413);
    expectScimError(await patchUser(crypto.randomUUID(), { Operations: [] }), 404);
    expect(await db.select().from(members).where(eq(members.email, "noname@scim.test"))).toEqual([]);
  });

  it("two identity providers creating one address at once: one 201, one 409 uniqueness, one user", async () => {
    const answers = await Promise.all([1, 2, 3].map(() => postUser(oktaUser("Racing@SCIM.test", "Race", "Condition"))));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    for (const answer of answers.filter((answer) => answer.status === 409)) expectScimError(answer, 409, "uniqueness");
    expect(await db.select().from(members).where(eq(members.email, "racing@scim.test"))).toHaveLength(1);
  });

  it("the per-key rate limit: 429 SCIM error with Retry-After", async () => {
    vi.stubEnv("RATE_LIMIT_API_REQUESTS_PER_KEY_PER_MINUTE", "2");
    try {
      const { secret } = await createApiKey(db, { organizationId, name: "Busy", actorEmail: inviter.email, now: new Date() });
      const statuses = [];
      let last;
      for (let i = 0; i < 3; i++) {
        last = await list("?count=1", secret);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expectScimError(last!, 429);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      vi.stubEnv("RATE_LIMIT_API_REQUESTS_PER_KEY_PER_MINUTE", "1000000");
    }
  });
});
