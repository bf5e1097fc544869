import { describe, expect, it } from "vitest";
import { normaliseEmail } from "./email-address";
import { fieldErrorsFromZod } from "./field-errors";
import { invitationSettingsSchema } from "./invitation-settings";
import { inviteUsersSchema, LISTED_TWICE } from "./invite-users";
import { memberIdsSchema } from "./member-ids";
import { usersTableColumnsSchema } from "./users-table-columns";

const row = (email: string) => ({ firstName: "Ada", lastName: "Lovelace", email });

describe("email addresses", () => {
  it("are trimmed and lower-cased", () => {
    expect(normaliseEmail("  Ada@Example.COM ")).toBe("ada@example.com");
    const parsed = inviteUsersSchema.parse({ rows: [row("  Ada@Example.COM ")] });
    expect(parsed.rows[0]!.email).toBe("ada@example.com");
  });
});

describe("invite rows", () => {
  it("require both names and a valid address, with the error beside each field", () => {
    const result = inviteUsersSchema.safeParse({ rows: [{ firstName: " ", lastName: "", email: "not-an-address" }] });
    expect(result.success).toBe(false);
    const errors = fieldErrorsFromZod(result.error!);
    expect(Object.keys(errors).sort()).toEqual(["rows.0.email", "rows.0.firstName", "rows.0.lastName"]);
    expect(errors["rows.0.email"]![0]).toMatch(/valid email address/);
  });

  it("allow names of 100 characters and refuse 101", () => {
    expect(inviteUsersSchema.safeParse({ rows: [{ ...row("a@b.co"), firstName: "x".repeat(100) }] }).success).toBe(true);
    const result = inviteUsersSchema.safeParse({ rows: [{ ...row("a@b.co"), lastName: "x".repeat(101) }] });
    expect(fieldErrorsFromZod(result.error!)["rows.0.lastName"]![0]).toMatch(/at most 100/);
  });

  it("mark an address listed twice (case and spaces aside) on the later row", () => {
    const result = inviteUsersSchema.safeParse({ rows: [row("ada@example.com"), row("b@example.com"), row(" ADA@example.com")] });
    expect(fieldErrorsFromZod(result.error!)).toEqual({ "rows.2.email": [LISTED_TWICE] });
  });

  it("need at least one row", () => {
    expect(fieldErrorsFromZod(inviteUsersSchema.safeParse({ rows: [] }).error!)).toHaveProperty("rows");
  });
});

describe("invitation settings", () => {
  it("default validity to 30 days and accept 1 to 90", () => {
    expect(invitationSettingsSchema.parse({ organizationName: "Acme" })).toMatchObject({ validityDays: 30, contactEmail: null, customMessage: null });
    expect(invitationSettingsSchema.safeParse({ organizationName: "Acme", validityDays: "90" }).success).toBe(true);
    expect(invitationSettingsSchema.safeParse({ organizationName: "Acme", validityDays: "0" }).success).toBe(false);
    expect(invitationSettingsSchema.safeParse({ organizationName: "Acme", validityDays: "91" }).success).toBe(false);
  });
  it("limit the custom message to 1,000 characters and treat blanks as none", () => {
    expect(invitationSettingsSchema.safeParse({ organizationName: "Acme", customMessage: "x".repeat(1001) }).success).toBe(false);
    expect(invitationSettingsSchema.parse({ organizationName: "Acme", customMessage: "  ", contactEmail: "" })).toMatchObject({ customMessage: null, contactEmail: null });
  });
  it("require the organization name", () => {
    expect(fieldErrorsFromZod(invitationSettingsSchema.safeParse({ organizationName: "  " }).error!)).toHaveProperty("organizationName");
  });
});

describe("bulk user ids", () => {
  it("are de-duplicated and bounded", () => {
    const id = "0b5f6a3e-8a6f-4c55-9a51-3c1f7e3f9d10";
    expect(memberIdsSchema.parse({ memberIds: [id, id] }).memberIds).toEqual([id]);
    expect(memberIdsSchema.safeParse({ memberIds: [] }).success).toBe(false);
    expect(memberIdsSchema.safeParse({ memberIds: ["1; drop table members"] }).success).toBe(false);
  });
});

describe("the Users table's optional columns", () => {
  it("are known ones only, each once, in the table's order", () => {
    expect(usersTableColumnsSchema.parse({ columns: ["lastSent", "invitedBy"] }).columns).toEqual(["invitedBy", "lastSent"]);
    expect(usersTableColumnsSchema.parse({ columns: [] }).columns).toEqual([]);
    expect(fieldErrorsFromZod(usersTableColumnsSchema.safeParse({ columns: ["password"] }).error!)).toEqual({ "columns.0": ["Unknown column."] });
    expect(usersTableColumnsSchema.safeParse({ columns: ["invitedBy", "invitedBy", "lastSent"] }).success).toBe(false);
  });
});
