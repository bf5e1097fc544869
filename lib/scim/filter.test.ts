import { describe, expect, it } from "vitest";
import { parseScimFilter, UNSUPPORTED_FILTER } from "./filter";

describe("parseScimFilter", () => {
  it.each([
    ['userName eq "Ada@Example.com"', { attribute: "email", value: "Ada@Example.com" }],
    ['USERNAME EQ "a@b.test"', { attribute: "email", value: "a@b.test" }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a@b.test"', { attribute: "email", value: "a@b.test" }],
    ['emails[type eq "work"].value eq "a@b.test"', { attribute: "email", value: "a@b.test" }],
    ['emails.value eq "a@b.test"', { attribute: "email", value: "a@b.test" }],
    ['externalId eq "00u1\\"x"', { attribute: "externalId", value: '00u1"x' }],
    ['  externalId eq "e-1"  ', { attribute: "externalId", value: "e-1" }],
  ])("reads %s", (filter, expected) => {
    expect(parseScimFilter(filter)).toEqual({ ok: true, filter: expected });
  });

  it.each([
    'userName sw "a"',
    'userName eq "a" or userName eq "b"',
    'displayName eq "Ada"',
    "userName eq a@b.test",
    'userName eq "a" and active eq true',
    'emails[type eq "home"].value eq "a@b.test"',
    "",
  ])("refuses %s", (filter) => {
    expect(parseScimFilter(filter)).toEqual({ ok: false, detail: UNSUPPORTED_FILTER });
  });

  it("refuses a broken escape and an overlong filter", () => {
    expect(parseScimFilter('userName eq "a\\u12"')).toMatchObject({ ok: false });
    expect(parseScimFilter(`userName eq "${"a".repeat(1_000)}"`)).toMatchObject({ ok: false, detail: expect.stringMatching(/at most/) });
  });
});
