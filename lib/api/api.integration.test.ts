import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as invitationSettingsRoute from "@/app/api/v1/invitation-settings/route";
import * as userResendRoute from "@/app/api/v1/users/[id]/resend/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import type { Database, DatabaseHandle } from "@/db/client";
import { apiIdempotencyKeys, apiKeys, auditEvents, emails, invitations, members, organizations } from "@/db/schema";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/api-keys";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { parseActivitySearchParams } from "@/lib/audit/activity-search-params";
import { hashToken } from "@/lib/invitations/token";
import { joinWithToken } from "@/lib/invitations/join";
import { ALREADY_A_USER, SETUP_REQUIRED } from "@/lib/invitations/invite-users";
import { LISTED_TWICE } from "@/lib/validation/invite-users";
import { LAST_ADMIN } from "@/lib/users/last-admin";
import { withBodies } from "@/lib/email/outbox";
import { inviter, readyOrganization, tokenEmailedTo } from "@/test/fixtures/invitations";
import { callRoute, useDatabaseForRoutes, type ApiCall } from "@/test/support/api-calls";
import { createTestDatabase } from "@/test/support/test-database";
import { REMINDER_DAYS_MESSAGE } from "@/lib/validation/invitation-settings";

// The delivery workers are not under test: the emails stay queued in the outbox, where they are read.
vi.mock("@/lib/email/delivery-loop", () => ({ wakeDeliveryWorkers: () => {} }));

let handle: DatabaseHandle;
let db: Database;
let restoreDatabase: () => void;
let organizationId: string;
let otherOrganizationId: string;
let key: string;
let keyId: string;
let otherKey: string;

const person = (email: string, extra: Record<string, unknown> = {}) => ({ firstName: "Ada", lastName: "Lovelace", email, ...extra });
const api = (handler: unknown, call: Omit<ApiCall, "key"> & { key?: string | null }) => callRoute(handler, { key, ...call });
const invite = (users: unknown[], extra: Partial<ApiCall> = {}) =>
  api(usersRoute.POST, { method: "POST", path: "/api/v1/users", body: { users }, ...extra });
type UserBody = { data: { id: string; email: string; role: string; status: string } };

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  restoreDatabase = useDatabaseForRoutes(handle);
  organizationId = (await readyOrganization(db, new Date())).id;
  const created = await createApiKey(db, { organizationId, name: "CI", actorEmail: inviter.email, now: new Date() });
  key = created.secret;
  keyId = created.id;
  const [other] = await db.insert(organizations).values({ name: "Globex" }).returning();
  otherOrganizationId = other!.id;
  otherKey = (await createApiKey(db, { organizationId: otherOrganizationId, name: "Globex", actorEmail: "boss@globex.test", now: new Date() })).secret;
});
afterAll(async () => {
  restoreDatabase();
  vi.unstubAllEnvs();
  await handle.close();
});

describe("API keys", () => {
  it("are rst_ and 43 base64url characters, stored only as their SHA-256, listed by name", async () => {
    expect(key).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
    const rows = await db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
    expect(rows[0]!.tokenHash).toBe(hashToken(key));
    expect(JSON.stringify(await db.select().from(apiKeys))).not.toContain(key.slice(4));
    expect((await listApiKeys(db, organizationId)).map((listed) => listed.name)).toEqual(["CI"]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "api_key.created"));
    expect(audit.map((event) => event.details)).toContainEqual({ apiKeyId: keyId, name: "CI" });
  });

  it("write their last use at most once a minute", async () => {
    const { secret, id } = await createApiKey(db, { organizationId, name: "Clock", actorEmail: inviter.email, now: new Date() });
    const t0 = new Date("2026-12-01T10:00:00Z");
    const lastUsed = async () => (await db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!.lastUsedAt;
    expect(await authenticateApiKey(db, secret, t0)).toMatchObject({ id, organizationId, name: "Clock" });
    expect(await lastUsed()).toEqual(t0);
    await authenticateApiKey(db, secret, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toEqual(t0);
    const later = new Date(t0.getTime() + 61_000);
    await authenticateApiKey(db, secret, later);
    expect(await lastUsed()).toEqual(later);
  });

  it("once revoked are refused on their next request, with the same 401 as a wrong or missing key", async () => {
    const { secret, id } = await createApiKey(db, { organizationId, name: "Short-lived", actorEmail: inviter.email, now: new Date() });
    expect((await api(usersRoute.GET, { path: "/api/v1/users", key: secret })).status).toBe(200);
    expect(await revokeApiKey(db, { organizationId: otherOrganizationId, apiKeyId: id, actorEmail: "boss@globex.test", now: new Date() })).toBe(false);
    expect(await revokeApiKey(db, { organizationId, apiKeyId: id, actorEmail: inviter.email, now: new Date() })).toBe(true);
    expect(await authenticateApiKey(db, secret, new Date())).toBeNull();

    const answers = await Promise.all(
      [secret, null, "rst_" + "A".repeat(43), "not-a-key", key.slice(0, -1)].map((candidate) =>
        api(usersRoute.GET, { path: "/api/v1/users", key: candidate }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(answer.text).toBe(answers[0]!.text);
    }
    expect(answers[0]!.body).toMatchObject({ type: "urn:roster:problem:unauthorized", status: 401 });
    expect((await listApiKeys(db, organizationId)).map((listed) => listed.name)).not.toContain("Short-lived");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "api_key.revoked"));
    expect(audit.map((event) => event.details)).toEqual([{ apiKeyId: id, name: "Short-lived" }]);
  });
});

describe("POST /api/v1/users", () => {
  it("invites every row (role member when omitted), 201 with the user objects, the key named in the Activity log and the organization in the email", async () => {
    const answer = await invite([person("one@api.test"), person("Two@API.test ", { role: "admin" })]);
    expect(answer.status).toBe(201);
    const data = (answer.body as { data: { email: string; role: string; status: string; delivery: string }[] }).data;
    expect(data.map((user) => [user.email, user.role, user.status, user.delivery])).toEqual([
      ["one@api.test", "member", "pending", "queued"],
      ["two@api.test", "admin", "pending", "queued"],
    ]);
    const invited = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.invited"), eq(auditEvents.actorApiKeyId, keyId)));
    expect(invited).toHaveLength(2);
    expect(invited.every((event) => event.actorEmail === null)).toBe(true);
    const activity = await listAuditEvents(db, organizationId, parseActivitySearchParams({}));
    expect(activity.rows.find((row) => row.action === "user.invited")).toMatchObject({ actorEmail: null, actorApiKeyName: "CI" });
    const [email] = await withBodies(db, await db.select().from(emails).where(eq(emails.toAddress, "one@api.test")));
    expect(email!.text).toContain("You are invited to join Acme.");
  });

  it("refuses the whole submission with each row's error, as the form words them, and writes nothing", async () => {
    const before = await db.select().from(members);
    const answer = await invite([person("one@api.test"), person("new@api.test"), person("NEW@api.test"), person("bad", { firstName: "" })]);
    expect(answer.status).toBe(422);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    const errors = (answer.body as { errors: unknown[] }).errors;
    expect(errors).toContainEqual({ row: 2, field: "email", message: LISTED_TWICE });
    expect(errors).toContainEqual({ row: 3, field: "firstName", message: "Enter a first name." });
    expect(errors).toContainEqual(expect.objectContaining({ row: 3, field: "email" }));
    expect(await db.select().from(members)).toEqual(before);

    const taken = await invite([person("new@api.test"), person("one@api.test")]);
    expect(taken.status).toBe(422);
    expect((taken.body as { errors: unknown[] }).errors).toEqual([{ row: 1, field: "email", message: ALREADY_A_USER }]);
    expect(await db.select().from(members)).toEqual(before);
  });

  it("answers 409 with the form's sentence while the invitation setup is not saved", async () => {
    const answer = await callRoute(usersRoute.POST, { key: otherKey, method: "POST", path: "/api/v1/users", body: { users: [person("x@globex.test")] } });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ status: 409, detail: SETUP_REQUIRED });
  });

  it("answers bodies that are not JSON, or not the right shape, with a 4xx problem", async () => {
    for (const body of ["", "{", "null", "[]", '{"users": "x"}', '{"users": [1]}', "\u0000"]) {
      const answer = await api(usersRoute.POST, { method: "POST", path: "/api/v1/users", body });
      expect([400, 422]).toContain(answer.status);
      expect(answer.body).toMatchObject({ status: answer.status, title: expect.any(String), detail: expect.any(String) });
    }
  });
});

describe("one user", () => {
  it("is read, promoted and demoted; another organization's id, a removed user or a non-UUID is 404", async () => {
    const [created] = (
      (await invite([person("role@api.test")])).body as { data: { id: string }[] }
    ).data;
    const id = created!.id;
    const read = await api(userRoute.GET, { path: `/api/v1/users/${id}`, params: { id } });
    expect(read.body).toMatchObject({ data: { id, email: "role@api.test", role: "member" } });
    const promoted = await api(userRoute.PATCH, { method: "PATCH", path: `/api/v1/users/${id}`, params: { id }, body: { role: "admin" } });
    expect((promoted.body as UserBody).data.role).toBe("admin");
    const bad = await api(userRoute.PATCH, { method: "PATCH", path: `/api/v1/users/${id}`, params: { id }, body: { role: "owner" } });
    expect(bad.status).toBe(422);
    expect((bad.body as { errors: unknown[] }).errors).toEqual([{ field: "role", message: "A role is member or admin." }]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.role_changed"));
    expect(audit.at(-1)).toMatchObject({ actorApiKeyId: keyId, actorEmail: null });

    for (const other of ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "'; drop table members; --"]) {
      expect((await api(userRoute.GET, { path: `/api/v1/users/x`, params: { id: other } })).status).toBe(404);
    }
    expect((await callRoute(userRoute.GET, { key: otherKey, path: `/api/v1/users/${id}`, params: { id } })).status).toBe(404);
    expect((await callRoute(userRoute.DELETE, { key: otherKey, method: "DELETE", path: `/api/v1/users/${id}`, params: { id } })).status).toBe(404);
    expect((await db.select().from(members).where(eq(members.id, id)))[0]!.removedAt).toBeNull();

    const removed = await api(userRoute.DELETE, { method: "DELETE", path: `/api/v1/users/${id}`, params: { id } });
    expect(removed.status).toBe(204);
    expect(removed.text).toBe("");
    expect((await api(userRoute.GET, { path: `/api/v1/users/${id}`, params: { id } })).status).toBe(404);
    expect((await api(userRoute.DELETE, { method: "DELETE", path: `/api/v1/users/${id}`, params: { id } })).status).toBe(404);
  });

  it("refuses to demote or remove the organization's last admin row (409) and changes nothing", async () => {
    expect((await invite([person("admin.row@api.test", { role: "admin" })])).status).toBe(201);
    const admins = await db
      .select()
      .from(members)
      .where(and(eq(members.organizationId, organizationId), eq(members.role, "admin"), isNull(members.removedAt)));
    expect(admins.length).toBeGreaterThan(0);
    for (const admin of admins.slice(1)) {
      expect((await api(userRoute.PATCH, { method: "PATCH", path: "/", params: { id: admin.id }, body: { role: "member" } })).status).toBe(200);
    }
    const last = admins[0];
    const demote = await api(userRoute.PATCH, { method: "PATCH", path: "/", params: { id: last!.id }, body: { role: "member" } });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ detail: LAST_ADMIN });
    const remove = await api(userRoute.DELETE, { method: "DELETE", path: "/", params: { id: last!.id } });
    expect(remove.status).toBe(409);
    expect((await db.select().from(members).where(eq(members.id, last!.id)))[0]).toMatchObject({ role: "admin", removedAt: null });
  });

  it("resends: 200, then 429 with Retry-After within the minute, 409 once enrolled", async () => {
    const [created] = ((await invite([person("resend@api.test")])).body as { data: { id: string }[] }).data;
    const id = created!.id;
    const first = await api(userResendRoute.POST, { method: "POST", path: "/", params: { id } });
    expect(first.status).toBe(200);
    const again = await api(userResendRoute.POST, { method: "POST", path: "/", params: { id } });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(again.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await db.select().from(invitations).where(eq(invitations.memberId, id))).toHaveLength(2);

    expect((await joinWithToken(db, await tokenEmailedTo(db, "resend@api.test"), new Date())).ok).toBe(true);
    const enrolled = await api(userResendRoute.POST, { method: "POST", path: "/", params: { id } });
    expect(enrolled.status).toBe(409);
    expect(enrolled.body).toMatchObject({ detail: "This user has already enrolled: there is no invitation to resend." });
  });
});

describe("GET /api/v1/users", () => {
  it("pages newest invited first with a cursor that stays correct while users are invited between pages", async () => {
    const [pager] = await db.insert(organizations).values({ name: "Pager" }).returning();
    await readyOrganization(db, new Date()); // (the default organization's setup, unchanged)
    const { secret } = await createApiKey(db, { organizationId: pager!.id, name: "Pager", actorEmail: inviter.email, now: new Date() });
    const base = new Date("2026-11-01T00:00:00Z");
    const insert = (emailsAndTimes: [string, Date][]) =>
      db.insert(members).values(
        emailsAndTimes.map(([email, invitedAt]) => ({
          organizationId: pager!.id,
          firstName: "Page",
          lastName: "Person",
          email,
          invitedAt,
          invitationExpiresAt: new Date(invitedAt.getTime() + 90 * 86_400_000),
        })),
      );
    // 12 users, four of them invited in the same microsecond: the id breaks the tie.
    const initial: [string, Date][] = Array.from({ length: 12 }, (_, i) => [`p${i}@pager.test`, new Date(base.getTime() + Math.floor(i / 4) * 1000 + (i % 4 === 0 ? 0 : i))]);
    initial.push(["tie1@pager.test", base], ["tie2@pager.test", base], ["tie3@pager.test", base]);
    await insert(initial);

    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const path: string = `/api/v1/users?limit=4${cursor ? `&cursor=${cursor}` : ""}`;
      const answer = await callRoute(usersRoute.GET, { key: secret, path });
      expect(answer.status).toBe(200);
      const body = answer.body as { data: { email: string; invitedAt: string }[]; nextCursor: string | null };
      seen.push(...body.data.map((user) => user.email));
      cursor = body.nextCursor;
      // Between pages, users are invited (newer than everyone) and one is removed from a later page.
      await insert([[`new${page}@pager.test`, new Date(Date.now() + page)]]);
      page += 1;
    } while (cursor && page < 20);

    expect(seen).toHaveLength(initial.length);
    expect(new Set(seen)).toEqual(new Set(initial.map(([email]) => email)));
    const ordered = await db.select({ email: members.email, invitedAt: members.invitedAt, id: members.id }).from(members).where(eq(members.organizationId, pager!.id));
    const expected = ordered
      .filter((row) => initial.some(([email]) => email === row.email))
      .sort((a, b) => b.invitedAt.getTime() - a.invitedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((row) => row.email);
    expect(seen).toEqual(expected);
  });

  it("filters by status and searches; a malformed cursor, limit or status is a 422 problem", async () => {
    const enrolled = await api(usersRoute.GET, { path: "/api/v1/users?status=enrolled" });
    expect((enrolled.body as { data: { status: string }[] }).data.every((user) => user.status === "enrolled")).toBe(true);
    expect((enrolled.body as { data: unknown[] }).data.length).toBeGreaterThan(0);
    const searched = await api(usersRoute.GET, { path: "/api/v1/users?q=ONE%40api&status=pending,expired" });
    expect((searched.body as { data: { email: string }[] }).data.map((user) => user.email)).toEqual(["one@api.test"]);
    for (const query of ["cursor=abc", "cursor=%00", "cursor=" + Buffer.from("1.x").toString("base64url"), "limit=0", "limit=201", "limit=x", "status=gone", "limit=1.5"]) {
      const answer = await api(usersRoute.GET, { path: `/api/v1/users?${query}` });
      expect(answer.status, query).toBe(422);
      expect((answer.body as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
    const defaultPage = await api(usersRoute.GET, { path: "/api/v1/users" });
    expect(defaultPage.body).toMatchObject({ nextCursor: null });
  });
});

describe("invitation settings", () => {
  it("are read and saved; reminderDaysBefore is 1 to 14 or null (off), 3 when left out, anything else refused", async () => {
    const read = await api(invitationSettingsRoute.GET, { path: "/api/v1/invitation-settings" });
    expect(read.body).toEqual({
      data: { organizationName: "Acme", contactEmail: "help@acme.test", customMessage: "Welcome <b>aboard</b>", validityDays: 30, reminderDaysBefore: 3 },
    });
    const put = (body: unknown) => api(invitationSettingsRoute.PUT, { method: "PUT", path: "/api/v1/invitation-settings", body });
    const saved = await put({ organizationName: "Acme Robotics", contactEmail: null, customMessage: "Hi", validityDays: 14, reminderDaysBefore: null });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ data: { organizationName: "Acme Robotics", contactEmail: null, customMessage: "Hi", validityDays: 14, reminderDaysBefore: null } });
    const fourteen = await put({ organizationName: "Acme Robotics", reminderDaysBefore: 14 });
    expect(fourteen.body).toMatchObject({ data: { reminderDaysBefore: 14, validityDays: 30 } });
    const omitted = await put({ organizationName: "Acme Robotics" });
    expect(omitted.body).toMatchObject({ data: { reminderDaysBefore: 3 } });
    for (const refused of [0, 15, 2.5, "3", "off", true]) {
      const reminder = await put({ organizationName: "Acme Robotics", reminderDaysBefore: refused });
      expect(reminder.status, String(refused)).toBe(422);
      expect((reminder.body as { errors: unknown[] }).errors).toEqual([{ field: "reminderDaysBefore", message: REMINDER_DAYS_MESSAGE }]);
    }
    expect((await put({ organizationName: "", validityDays: 91 })).status).toBe(422);
    expect((await callRoute(invitationSettingsRoute.GET, { key: otherKey, path: "/api/v1/invitation-settings" })).status).toBe(404);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "invitation_settings.saved"), isNotNull(auditEvents.actorApiKeyId)));
    expect(audit).toHaveLength(3);
  });
});

describe("Idempotency-Key", () => {
  const keyed = (idempotencyKey: string, users: unknown[]) =>
    invite(users, { headers: { "Idempotency-Key": idempotencyKey } });

  it("answers the same key and body with the first answer, without acting again; another body is 422", async () => {
    const first = await keyed("idem-1", [person("idem@api.test")]);
    expect(first.status).toBe(201);
    const again = await keyed("idem-1", [person("idem@api.test")]);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.select().from(members).where(eq(members.email, "idem@api.test"))).toHaveLength(1);
    const other = await keyed("idem-1", [person("other@api.test")]);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ type: "urn:roster:problem:idempotency-mismatch" });
    expect(await db.select().from(members).where(eq(members.email, "other@api.test"))).toHaveLength(0);
    // Without the header, the same body acts (and is refused: already a user).
    expect((await invite([person("idem@api.test")])).status).toBe(422);
  });

  it("lets concurrent duplicates act once: the others get the first answer or 409 in progress", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => keyed("idem-concurrent", [person("race@api.test")])));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(await db.select().from(members).where(eq(members.email, "race@api.test"))).toHaveLength(1);
    const created = answers.filter((answer) => answer.status === 201 && !answer.headers.get("idempotent-replayed"));
    expect(created).toHaveLength(1);
  });

  it("is kept 24 hours: after that the key is free again; a malformed key is a 400", async () => {
    await db.update(apiIdempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(apiIdempotencyKeys.idempotencyKey, "idem-1"));
    const after = await keyed("idem-1", [person("fresh@api.test")]);
    expect(after.status).toBe(201);
    expect((await keyed("with space", [person("x@api.test")])).status).toBe(400);
    expect((await keyed("x".repeat(256), [person("x@api.test")])).status).toBe(400);
  });
});

describe("the per-key rate limit", () => {
  it("answers 429 with Retry-After, RateLimit-Policy and RateLimit once a key is over it, and other keys go on", async () => {
    vi.stubEnv("RATE_LIMIT_API_REQUESTS_PER_KEY_PER_MINUTE", "3");
    try {
      const { secret } = await createApiKey(db, { organizationId, name: "Busy", actorEmail: inviter.email, now: new Date() });
      const statuses = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await callRoute(usersRoute.GET, { key: secret, path: "/api/v1/users?limit=1" });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(last!.headers.get("ratelimit-policy")).toBe('"per-key";q=3;w=60');
      expect(last!.headers.get("ratelimit")).toMatch(/^"per-key";r=0;t=\d+$/);
      expect(last!.body).toMatchObject({ status: 429, type: "urn:roster:problem:rate-limited" });
      const { secret: another } = await createApiKey(db, { organizationId, name: "Quiet", actorEmail: inviter.email, now: new Date() });
      expect((await callRoute(usersRoute.GET, { key: another, path: "/api/v1/users?limit=1" })).status).toBe(200);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
