import { describe, expect, it } from "vitest";
import { readUserPatch, readUserResource } from "./user-input";

const patch = (Operations: unknown[]) => readUserPatch(JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations }));

describe("readUserPatch", () => {
  it("reads the path form, op names in any case, later operations winning", () => {
    expect(
      patch([
        { op: "Replace", path: "name.givenName", value: "Ada" },
        { op: "replace", path: "NAME.FAMILYNAME", value: "Lovelace" },
        { op: "Add", path: "externalId", value: "e-1" },
        { op: "replace", path: "name.givenName", value: "Augusta" },
      ]),
    ).toEqual({ ok: true, data: { firstName: "Augusta", lastName: "Lovelace", externalId: "e-1" } });
  });

  it("reads Entra ID's value-object form with dotted keys, and Okta's { active: false }", () => {
    expect(patch([{ op: "Replace", value: { "name.givenName": "Ada", "name.familyName": "Lovelace", active: "False" } }])).toEqual({
      ok: true,
      data: { firstName: "Ada", lastName: "Lovelace", active: false },
    });
    expect(patch([{ op: "replace", value: { active: false } }])).toEqual({ ok: true, data: { active: false } });
    expect(patch([{ op: "replace", value: { name: { givenName: "Ada" } } }])).toEqual({ ok: true, data: { firstName: "Ada" } });
  });

  it.each([
    [true, true],
    ["True", true],
    ["true", true],
    [false, false],
    ["False", false],
    ["FALSE", false],
  ])("reads active %j as %s", (value, active) => {
    expect(patch([{ op: "replace", path: "active", value }])).toEqual({ ok: true, data: { active } });
  });

  it("reads the work email and the core schema's URN as userName; ignores attributes Roster does not keep", () => {
    expect(
      patch([
        { op: "replace", path: 'emails[type eq "work"].value', value: "Ada@Example.com" },
        { op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", value: "Ada" },
        { op: "add", path: "title", value: "Countess" },
        { op: "replace", path: "displayName", value: "Whoever" },
        { op: "add", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "Maths" },
      ]),
    ).toEqual({ ok: true, data: { userName: "Ada@Example.com", firstName: "Ada" } });
  });

  it("removes externalId, and refuses removing what Roster needs", () => {
    expect(patch([{ op: "remove", path: "externalId" }])).toEqual({ ok: true, data: { externalId: null } });
    expect(patch([{ op: "remove", path: "name.familyName" }])).toMatchObject({ ok: false, scimType: "mutability" });
    expect(patch([{ op: "remove" }])).toMatchObject({ ok: false, scimType: "noTarget" });
  });

  it.each([
    ["not JSON", "{", "invalidSyntax"],
    ["no Operations", JSON.stringify({}), "invalidSyntax"],
    ["an unknown op", JSON.stringify({ Operations: [{ op: "move", path: "active", value: true }] }), "invalidSyntax"],
    ["active not a boolean", JSON.stringify({ Operations: [{ op: "replace", path: "active", value: "maybe" }] }), "invalidValue"],
    ["a name with a control character", JSON.stringify({ Operations: [{ op: "replace", path: "name.givenName", value: "A\u0000da" }] }), "invalidValue"],
    ["a formula-like name", JSON.stringify({ Operations: [{ op: "replace", path: "name.familyName", value: "=1+1" }] }), "invalidValue"],
    ["a value object that is not an object", JSON.stringify({ Operations: [{ op: "replace", value: "active" }] }), "invalidValue"],
    ["101 operations", JSON.stringify({ Operations: Array.from({ length: 101 }, () => ({ op: "replace", path: "active", value: true })) }), "invalidSyntax"],
  ])("refuses %s", (_label, text, scimType) => {
    expect(readUserPatch(text)).toMatchObject({ ok: false, status: 400, scimType });
  });
});

describe("readUserResource", () => {
  it("reads userName as the address (lower-cased) and keeps its spelling; names, externalId and active", () => {
    expect(
      readUserResource(JSON.stringify({ userName: " Ada@Example.com ", name: { givenName: "Ada", familyName: "Lovelace" }, externalId: "e-1", active: "True", title: "ignored" })),
    ).toEqual({ ok: true, data: { email: "ada@example.com", userName: "Ada@Example.com", firstName: "Ada", lastName: "Lovelace", externalId: "e-1", active: true } });
  });

  it("refuses a userName that is not an address and a missing name, as invalidValue", () => {
    expect(readUserResource(JSON.stringify({ userName: "ada", name: { givenName: "A", familyName: "B" } }))).toMatchObject({ ok: false, scimType: "invalidValue" });
    expect(readUserResource(JSON.stringify({ userName: "ada@example.com" }))).toMatchObject({ ok: false, scimType: "invalidValue" });
  });
});
