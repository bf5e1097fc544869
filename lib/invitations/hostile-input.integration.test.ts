import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, emails, invitations, invitationSettings, members, organizations } from "@/db/schema";
import { createTestDatabase } from "@/test/support/test-database";
import { saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { listUsers } from "@/lib/users/list-users";
import { parseUsersSearchParams } from "@/lib/users/users-search-params";
import { acceptableEmail, acceptableName, hostileString, hostileValue, propertyRuns, withNastyCharacterInside } from "@/test/fixtures/hostile-input";
import { invitationSettingsSchema } from "@/lib/validation/invitation-settings";
import { inviteUsersSchema } from "@/lib/validation/invite-users";
import { inviteUsers } from "./invite-users";
import { findInvitation, joinWithToken } from "./join";
import { inviteOne, inviter, person, readyOrganization } from "@/test/fixtures/invitations";

// Each run writes to the database: fewer runs than the unit properties, the same seed handling.
const databaseRuns = { ...propertyRuns, numRuns: Math.max(1, Math.ceil((propertyRuns.numRuns ?? 100) / 4)) };

let handle: DatabaseHandle;
let organizationId: string;
let pendingToken: string;
const now = new Date("2026-11-23T10:00:00Z");

/** Everything a rejected request could have written, to compare before and after. */
async function everything(db: Database) {
  const tables = [organizations, invitationSettings, members, invitations, emails, auditEvents];
  const contents = await Promise.all(tables.map((table) => db.select().from(table)));
  return contents.map((rows) => rows.map((row) => JSON.stringify(row)).sort());
}

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, now)).id;
  pendingToken = (await inviteOne(handle.db, organizationId, "pending@acme.test", now)).token;
});
afterAll(() => handle.close());

describe("hostile input reaching the database", () => {
  it("invite rows: the action's path never throws, and a refused submission writes nothing", async () => {
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
        const before = await everything(handle.db);
        const parsed = inviteUsersSchema.safeParse({ rows: unique });
        if (!parsed.success) {
          expect(await everything(handle.db)).toEqual(before);
          return;
        }
        const result = await inviteUsers(handle.db, { organizationId, inviter, rows: parsed.data.rows, now });
        expect(result.ok).toBe(true);
        const membersBefore = before[2]!.length;
        expect(await handle.db.$count(members)).toBe(membersBefore + parsed.data.rows.length);
      }),
      // The cases that reached PostgreSQL before the schema refused them, tried on every run.
      { ...databaseRuns, examples: [[[{ firstName: "Nul\u0000", lastName: "Lee", email: "nul@example.com" }]], [[{ firstName: "Ada", lastName: "Lee\u0000", email: "nul@example.com" }]]] },
    );
  });

  it("invite rows: a NUL that slipped past validation fails the whole transaction, nothing half-written", async () => {
    const before = await everything(handle.db);
    const rows = [person("first.of.two@acme.test"), { ...person("second.of.two@acme.test"), lastName: "Lee\u0000" }];
    await expect(inviteUsers(handle.db, { organizationId, inviter, rows, now })).rejects.toThrow();
    expect(await everything(handle.db)).toEqual(before);
  });

  it("setup fields: never throw, a refusal writes nothing, and what is accepted reads back as saved", async () => {
    const hostileSettings = fc.record(
      {
        organizationName: fc.oneof(hostileValue, acceptableName, withNastyCharacterInside(acceptableName)),
        contactEmail: fc.oneof(hostileValue, acceptableEmail),
        customMessage: fc.oneof(hostileValue, withNastyCharacterInside(acceptableName)),
        validityDays: fc.oneof(hostileValue, fc.integer({ min: 1, max: 90 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(hostileSettings, async (raw) => {
        const before = await everything(handle.db);
        const parsed = invitationSettingsSchema.safeParse(raw);
        if (!parsed.success) {
          expect(await everything(handle.db)).toEqual(before);
          return;
        }
        await saveInvitationSettings(handle.db, { organizationId, actorEmail: inviter.email, settings: parsed.data, now });
        const [organization] = await handle.db.select().from(organizations);
        const [settings] = await handle.db.select().from(invitationSettings);
        expect(organization!.name).toBe(parsed.data.organizationName);
        expect(settings).toMatchObject({ contactEmail: parsed.data.contactEmail, customMessage: parsed.data.customMessage, validityDays: parsed.data.validityDays });
      }),
      { ...databaseRuns, examples: [[{ organizationName: "Acme\u0000" }], [{ organizationName: "Acme", customMessage: "Hi\u0000" }]] },
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
        const before = await everything(handle.db);
        expect(await findInvitation(handle.db, token, now)).toEqual({ state: "unknown" });
        expect(await joinWithToken(handle.db, token, now)).toEqual({ ok: false, lookup: { state: "unknown" } });
        expect(await everything(handle.db)).toEqual(before);
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
