import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { previewInvitationEmailAction, saveInvitationSettingsAction } from "@/app/(console)/settings/actions";
import { inviteUsersAction } from "@/app/(console)/users/actions";
import type { DatabaseHandle } from "@/db/client";
import { authUsers, invitationSettings, members, organizations } from "@/db/schema";
import type { AdminContext } from "@/lib/auth/caller";
import { listUsers } from "@/lib/users/list-users";
import { parseUsersSearchParams } from "@/lib/users/users-search-params";
import { invitationPreviewSchema, invitationSettingsSchema } from "@/lib/validation/invitation-settings";
import { inviteUsersSchema } from "@/lib/validation/invite-users";
import { acceptableEmail, acceptableName, hostileString, hostileValue, propertyRuns, withNastyCharacterInside } from "@/test/fixtures/hostile-input";
import { inviteOne, inviter, person, readyOrganization } from "@/test/fixtures/invitations";
import { rowsSnapshot } from "@/test/support/rows-snapshot";
import { createTestDatabase } from "@/test/support/test-database";
import { inviteUsers } from "./invite-users";
import { findInvitation, joinWithToken } from "./join";

// The console's own server actions are called, as the browser's form would call them: the one door
// (adminAction) parses with the shared schema and only then runs the domain function. The session
// stands in for this test's admin; Next's cache and the delivery workers are not under test.
const session = vi.hoisted(() => ({ admin: undefined as AdminContext | undefined }));
vi.mock("@/lib/auth/caller", () => ({ getCaller: async () => ({ kind: "admin", context: session.admin }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/email/delivery-loop", () => ({ wakeDeliveryWorkers: () => {} }));

// Each run writes to the database: fewer runs than the unit properties, the same seed handling.
const databaseRuns = { ...propertyRuns, numRuns: Math.max(1, Math.ceil((propertyRuns.numRuns ?? 100) / 4)) };

let handle: DatabaseHandle;
let organizationId: string;
let pendingToken: string;
const now = new Date("2026-11-23T10:00:00Z");

beforeAll(async () => {
  // Many valid submissions, one admin: the hourly invitation limit is not what this test is about.
  vi.stubEnv("RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR", "1000000");
  handle = await createTestDatabase();
  // The actions reach the database through getDb(): point it at this test's.
  (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase = handle;
  organizationId = (await readyOrganization(handle.db, now)).id;
  const [adminUser] = await handle.db.insert(authUsers).values({ email: inviter.email }).returning();
  session.admin = { userId: adminUser!.id, email: inviter.email, displayName: inviter.displayName, organizationId, organizationName: "Acme" };
  pendingToken = (await inviteOne(handle.db, organizationId, "pending@acme.test", now)).token;
});
afterAll(async () => {
  delete (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase;
  vi.unstubAllEnvs();
  await handle.close();
});

/** What the form shows for input the schema refuses: errors beside the fields, not a failure of ours. */
const refusedAsInvalid = { ok: false, message: "Some fields need your attention.", fieldErrors: expect.any(Object) };

describe("hostile input reaching the database", () => {
  it("invite rows: the action never throws, and a refused submission writes nothing", async () => {
    let counter = 0;
    const submission = fc.array(
      fc.oneof(
        fc.record({ firstName: hostileValue, lastName: hostileValue, email: hostileValue, role: hostileValue }, { requiredKeys: [] }),
        fc.record({ firstName: hostileString, lastName: withNastyCharacterInside(acceptableName), email: acceptableEmail }),
        fc.record({ firstName: acceptableName, lastName: acceptableName, email: acceptableEmail }),
      ),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(submission, async (rows) => {
        // Fresh addresses each run, so that a valid submission is not refused as "already a user".
        const run = ++counter;
        const unique = rows.map((row, index) =>
          typeof row.email === "string" && row.email.includes("@") ? { ...row, email: `r${run}x${index}.${row.email.trim()}` } : row,
        );
        const before = await rowsSnapshot(handle.db);
        const result = await inviteUsersAction({ rows: unique } as Parameters<typeof inviteUsersAction>[0]);
        const parsed = inviteUsersSchema.safeParse({ rows: unique });
        if (!parsed.success) {
          expect(result).toEqual(refusedAsInvalid);
          expect(await rowsSnapshot(handle.db)).toEqual(before);
          return;
        }
        expect(result).toEqual({ ok: true, data: { invited: parsed.data.rows.length, sendId: expect.any(String) } });
        const membersBefore = before[2]!.length;
        expect(await handle.db.$count(members)).toBe(membersBefore + parsed.data.rows.length);
      }),
      // Tried on every run: the cases that reached PostgreSQL before the schema refused them, and one
      // that only the schema refuses (PostgreSQL would store an escape character).
      {
        ...databaseRuns,
        examples: [
          [[{ firstName: "Nul\u0000", lastName: "Lee", email: "nul@example.com" }]],
          [[{ firstName: "Ada", lastName: "Lee\u0000", email: "nul@example.com" }]],
          [[{ firstName: "Ada", lastName: "Lee\u001b", email: "escape@example.com" }]],
        ],
      },
    );
  });

  it("invite rows: a NUL that slipped past validation fails the whole transaction, nothing half-written", async () => {
    const before = await rowsSnapshot(handle.db);
    const rows = [person("first.of.two@acme.test"), { ...person("second.of.two@acme.test"), lastName: "Lee\u0000" }];
    await expect(inviteUsers(handle.db, { organizationId, inviter, rows, now })).rejects.toThrow();
    expect(await rowsSnapshot(handle.db)).toEqual(before);
  });

  it("setup preview: any values render as text or are refused, and nothing is written", async () => {
    const typedValues = fc.record(
      {
        organizationName: fc.oneof(hostileValue, acceptableName, fc.constant("<script>alert(1)</script>")),
        contactEmail: fc.oneof(hostileValue, acceptableEmail, fc.constant("half@typed")),
        customMessage: fc.oneof(hostileValue, withNastyCharacterInside(acceptableName), fc.constant("<img src=x onerror=alert(1)>")),
        validityDays: fc.oneof(hostileValue, fc.constantFrom("", "0", "7", "91", "-3", "1e9")),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(typedValues, async (raw) => {
        const before = await rowsSnapshot(handle.db);
        const result = await previewInvitationEmailAction(raw as Parameters<typeof previewInvitationEmailAction>[0]);
        expect(await rowsSnapshot(handle.db)).toEqual(before);
        if (!invitationPreviewSchema.safeParse(raw).success) {
          expect(result).toEqual(refusedAsInvalid);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.data.subject).toMatch(/^You're invited to join /);
        expect(result.data.html).not.toMatch(/<script|<img/i);
      }),
      { ...databaseRuns, examples: [[{ organizationName: "<script>alert(1)</script>", contactEmail: "", customMessage: "", validityDays: "7" }]] },
    );
  });

  it("setup fields: never throw, a refusal writes nothing, and what is accepted reads back as saved", async () => {
    const hostileSettings = fc.record(
      {
        organizationName: fc.oneof(hostileValue, acceptableName, withNastyCharacterInside(acceptableName)),
        contactEmail: fc.oneof(hostileValue, acceptableEmail),
        customMessage: fc.oneof(hostileValue, withNastyCharacterInside(acceptableName)),
        validityDays: fc.oneof(hostileValue, fc.integer({ min: 1, max: 90 })),
        reminderDaysBefore: fc.oneof(hostileValue, fc.constantFrom("off", "0", "1", "14", "15", "3.5", " 3", "-1"), fc.integer({ min: -2, max: 16 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(hostileSettings, async (raw) => {
        const before = await rowsSnapshot(handle.db);
        const result = await saveInvitationSettingsAction(raw as Parameters<typeof saveInvitationSettingsAction>[0]);
        const parsed = invitationSettingsSchema.safeParse(raw);
        if (!parsed.success) {
          expect(result).toEqual(refusedAsInvalid);
          expect(await rowsSnapshot(handle.db)).toEqual(before);
          return;
        }
        expect(result).toEqual({ ok: true, data: null });
        const [organization] = await handle.db.select().from(organizations);
        const [settings] = await handle.db.select().from(invitationSettings);
        expect(organization!.name).toBe(parsed.data.organizationName);
        expect(settings).toMatchObject({
          contactEmail: parsed.data.contactEmail,
          customMessage: parsed.data.customMessage,
          validityDays: parsed.data.validityDays,
          reminderDaysBefore: parsed.data.reminderDaysBefore,
        });
        expect(settings!.reminderDaysBefore === null || (settings!.reminderDaysBefore >= 1 && settings!.reminderDaysBefore <= 14)).toBe(true);
      }),
      {
        ...databaseRuns,
        examples: [
          [{ organizationName: "Acme\u0000" }],
          [{ organizationName: "Acme", customMessage: "Hi\u0000" }],
          [{ organizationName: "Acme", reminderDaysBefore: "15" }],
          [{ organizationName: "Acme", reminderDaysBefore: "off" }],
        ],
      },
    );
  });

  it("join tokens: reading or joining with any string never throws and changes nothing", async () => {
    const tokens = fc.oneof(
      hostileString,
      fc.constantFrom(`${pendingToken}\u0000`, `${pendingToken} `, pendingToken.toUpperCase(), pendingToken.slice(1), `${pendingToken}%00`),
    );
    await fc.assert(
      fc.asyncProperty(tokens, async (token) => {
        fc.pre(token !== pendingToken);
        const before = await rowsSnapshot(handle.db);
        expect(await findInvitation(handle.db, token, now)).toEqual({ state: "unknown" });
        expect(await joinWithToken(handle.db, token, now)).toEqual({ ok: false, lookup: { state: "unknown" } });
        expect(await rowsSnapshot(handle.db)).toEqual(before);
      }),
      databaseRuns,
    );
  });

  it("Users table URL parameters: any URL lists without an error", async () => {
    const urlValue = fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }));
    const query = fc.record({ q: urlValue, status: urlValue, sort: urlValue, dir: urlValue, page: urlValue, perPage: urlValue }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(query, async (raw) => {
        const { rows, total } = await listUsers(handle.db, organizationId, parseUsersSearchParams(raw), now);
        expect(rows.length).toBeLessThanOrEqual(total);
      }),
      { ...databaseRuns, examples: [[{ q: "\u0000" }], [{ q: ["a\u0000b", "c"] }]] },
    );
    const nul = await listUsers(handle.db, organizationId, parseUsersSearchParams({ q: "pending\u0000" }), now);
    expect(nul.rows.map((row) => row.email)).toEqual(["pending@acme.test"]);
  });
});
