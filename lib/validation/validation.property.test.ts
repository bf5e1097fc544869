import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashToken, INVITATION_TOKEN_PATTERN } from "@/lib/invitations/token";
import { fieldErrorsFromZod } from "./field-errors";
import { acceptableEmail, acceptableName, hostileString, hostileValue, propertyRuns } from "@/test/fixtures/hostile-input";
import { invitationSettingsSchema } from "./invitation-settings";
import { inviteUsersSchema, MAX_NAME_LENGTH } from "./invite-users";
import { joinTokenSchema } from "./join-token";

// What PostgreSQL refuses (NUL) or a name never needs (controls, lone surrogates, bidi overrides).
const forbiddenInOneLine = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const hostileRow = fc.record(
  { firstName: hostileValue, lastName: hostileValue, email: hostileValue, role: hostileValue },
  { requiredKeys: [] },
);

describe("invite rows, whatever they hold", () => {
  it("never throw, and what they accept is clean, bounded and normalised", () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(hostileRow, { maxLength: 5 }), hostileValue), (rows) => {
        const result = inviteUsersSchema.safeParse({ rows });
        if (!result.success) {
          expect(Object.keys(fieldErrorsFromZod(result.error)).length).toBeGreaterThan(0);
          return;
        }
        for (const row of result.data.rows) {
          for (const name of [row.firstName, row.lastName]) {
            expect(name).not.toMatch(forbiddenInOneLine);
            expect(name).not.toMatch(/^[=+\-@]/);
            expect(name.length).toBeGreaterThan(0);
            expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
          }
          expect(row.email).toBe(row.email.trim().toLowerCase());
          expect(["member", "admin"]).toContain(row.role);
        }
      }),
      propertyRuns,
    );
  });

  it("accept real names and addresses, storing the address trimmed and lower-cased", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(acceptableName, acceptableName, acceptableEmail), { minLength: 1, maxLength: 5 }), (people) => {
        const unique = [...new Map(people.map((person) => [person[2].trim().toLowerCase(), person])).values()];
        const rows = unique.map(([firstName, lastName, email]) => ({ firstName, lastName, email }));
        const result = inviteUsersSchema.safeParse({ rows });
        expect(result.error?.issues ?? []).toEqual([]);
        expect(result.data!.rows.map((row) => row.email)).toEqual(rows.map((row) => row.email.trim().toLowerCase()));
      }),
      propertyRuns,
    );
  });

  it("refuse a name with a NUL, a control character or a lone surrogate, with an error beside it", () => {
    fc.assert(
      fc.property(acceptableName, fc.constantFrom("\u0000", "\u0007", "\n", "\r", "\t", "\u001b", "\u0085", "\u202e", "\ud800", "\udc00"), fc.nat(), (name, bad, at) => {
        const position = at % (name.length + 1);
        const firstName = `A${name.slice(0, position)}${bad}${name.slice(position)}x`; // inside, so trimming cannot remove it
        const errors = fieldErrorsFromZod(inviteUsersSchema.safeParse({ rows: [{ firstName, lastName: "Lee", email: "a@b.co" }] }).error!);
        expect(errors["rows.0.firstName"]).toEqual(["A first name cannot contain control or invisible formatting characters."]);
      }),
      propertyRuns,
    );
  });

  it("refuse a name that a spreadsheet would run as a formula", () => {
    fc.assert(
      fc.property(fc.constantFrom("=", "+", "-", "@"), acceptableName, (prefix, rest) => {
        const result = inviteUsersSchema.safeParse({ rows: [{ firstName: "Ada", lastName: `${prefix}${rest}`, email: "a@b.co" }] });
        expect(fieldErrorsFromZod(result.error!)["rows.0.lastName"]).toEqual([
          "A last name cannot start with =, +, - or @ (spreadsheets run such cells as formulas).",
        ]);
      }),
      propertyRuns,
    );
  });
});

describe("invitation settings, whatever they hold", () => {
  const hostileSettings = fc.record(
    { organizationName: hostileValue, contactEmail: hostileValue, customMessage: hostileValue, validityDays: hostileValue },
    { requiredKeys: [] },
  );

  it("never throw, and what they accept is clean and in range", () => {
    fc.assert(
      fc.property(fc.oneof(hostileSettings, hostileValue), (raw) => {
        const result = invitationSettingsSchema.safeParse(raw);
        if (!result.success) return;
        const { organizationName, contactEmail, customMessage, validityDays } = result.data;
        expect(organizationName).not.toMatch(forbiddenInOneLine);
        expect(organizationName.length).toBeLessThanOrEqual(100);
        expect(customMessage ?? "").not.toMatch(/\u0000/);
        expect(contactEmail ?? "").toBe((contactEmail ?? "").toLowerCase());
        expect(Number.isInteger(validityDays) && validityDays >= 1 && validityDays <= 90).toBe(true);
      }),
      propertyRuns,
    );
  });

  it("refuse a NUL anywhere with an error beside the field, and keep line breaks in the message", () => {
    fc.assert(
      fc.property(acceptableName, fc.nat(), (text, at) => {
        const position = at % (text.length + 1);
        const withNul = `${text.slice(0, position)}\u0000${text.slice(position)}x`;
        const errors = fieldErrorsFromZod(invitationSettingsSchema.safeParse({ organizationName: withNul, customMessage: withNul }).error!);
        expect(errors.organizationName).toEqual(["An organization name cannot contain control or invisible formatting characters."]);
        expect(errors.customMessage).toEqual(["A custom message cannot contain control characters other than line breaks."]);
        const multiLine = invitationSettingsSchema.parse({ organizationName: "Acme", customMessage: `${text}\r\nSecond line` });
        expect(multiLine.customMessage).toContain("\nSecond line");
      }),
      propertyRuns,
    );
  });

  it("read validity days only as a whole number from 1 to 90", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constantFrom("", " ", "1e1", "0x10", "Infinity", "NaN", "-0")), (days) => {
        const result = invitationSettingsSchema.safeParse({ organizationName: "Acme", validityDays: days });
        const number = Number(days);
        const expected = Number.isInteger(number) && number >= 1 && number <= 90;
        expect(result.success).toBe(expected);
        if (!expected) expect(fieldErrorsFromZod(result.error!)).toHaveProperty("validityDays");
      }),
      propertyRuns,
    );
  });
});

describe("join tokens, whatever they hold", () => {
  it("are accepted only in the emailed shape, and hashing anything never throws", () => {
    fc.assert(
      fc.property(fc.oneof(hostileValue, fc.base64String()), (token) => {
        const result = joinTokenSchema.safeParse({ token });
        expect(result.success).toBe(typeof token === "string" && INVITATION_TOKEN_PATTERN.test(token));
        if (typeof token === "string") expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
      }),
      propertyRuns,
    );
  });

  it("refuse a valid token with anything around it", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), hostileString, (token, extra) => {
        fc.pre(extra.length > 0);
        expect(joinTokenSchema.safeParse({ token: `${token}${extra}` }).success).toBe(false);
        expect(joinTokenSchema.safeParse({ token: `${extra}${token}` }).success).toBe(false);
      }),
      propertyRuns,
    );
  });
});
