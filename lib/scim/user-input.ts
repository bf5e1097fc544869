import { z } from "@/lib/validation/zod";
import { emailAddressSchema } from "@/lib/validation/email-address";
import { nameSchema } from "@/lib/validation/invite-users";
import { isSingleLineText } from "@/lib/validation/plain-text";
import type { ScimType } from "./scim-response";

/** What a SCIM request asks of a user, in Roster's terms, or the SCIM error it deserves. */
export type ScimRefusal = { ok: false; status: 400; scimType: ScimType; detail: string };
type Read<T> = { ok: true; data: T } | ScimRefusal;

const refuse = (scimType: ScimType, detail: string): ScimRefusal => ({ ok: false, status: 400, scimType, detail });

export const MAX_EXTERNAL_ID_LENGTH = 255;
export const MAX_OPERATIONS = 100;
const CORE_URN_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:user:";

/** SCIM booleans, and the strings "True" and "False" Entra ID sends for them. */
const scimBoolean = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i)
    .transform((text) => text.toLowerCase() === "true"),
]);

const externalIdSchema = z
  .string()
  .max(MAX_EXTERNAL_ID_LENGTH, `An externalId has at most ${MAX_EXTERNAL_ID_LENGTH} characters.`)
  .refine(isSingleLineText, "An externalId cannot contain control or invisible formatting characters.");

const resourceSchema = z.object({
  schemas: z.array(z.string()).optional(),
  userName: z.string({ error: "Send the user's email address as userName." }).max(254, "A userName has at most 254 characters."),
  name: z.object({ givenName: nameSchema("first name (name.givenName)"), familyName: nameSchema("last name (name.familyName)") }, {
    error: "Send the user's name: name.givenName and name.familyName.",
  }),
  externalId: externalIdSchema.nullish(),
  active: scimBoolean.optional(),
});

/** A User resource as POST and PUT send it; attributes Roster does not keep (displayName, phoneNumbers…) are ignored. */
export type UserResourceInput = {
  email: string;
  /** userName as sent, trimmed: the address in the identity provider's case. */
  userName: string;
  firstName: string;
  lastName: string;
  externalId: string | null;
  active: boolean;
};

export function readUserResource(text: string): Read<UserResourceInput> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const parsed = resourceSchema.safeParse(json.data);
  if (!parsed.success) return refuse("invalidValue", describeIssues(parsed.error));
  const email = emailAddressSchema.safeParse(parsed.data.userName);
  if (!email.success) return refuse("invalidValue", `userName: ${email.error.issues[0]!.message}`);
  return {
    ok: true,
    data: {
      email: email.data,
      userName: parsed.data.userName.trim(),
      firstName: parsed.data.name.givenName,
      lastName: parsed.data.name.familyName,
      externalId: parsed.data.externalId ?? null,
      active: parsed.data.active ?? true,
    },
  };
}

/** What a PATCH changes; absent fields are left as they are. */
export type UserPatch = { firstName?: string; lastName?: string; externalId?: string | null; userName?: string; active?: boolean };

const patchSchema = z.object({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(z.object({ op: z.string().max(20), path: z.string().max(300).optional(), value: z.unknown().optional() }), {
      error: "Send the changes as Operations: [{ op, path, value }].",
    })
    .min(1, "Send at least one operation.")
    .max(MAX_OPERATIONS, `Send at most ${MAX_OPERATIONS} operations at once.`),
});

/**
 * A PATCH's Operations (RFC 7644 §3.5.2) as one change: `add` and `replace` of `active`,
 * `name.givenName`, `name.familyName`, `name`, `userName`, the work email and `externalId`, with a
 * path or as a value object (Entra ID's form, dotted keys included), op names in any case, and
 * `remove` of `externalId`. Later operations win. Attributes Roster does not keep are ignored;
 * removing one it needs is refused (`mutability`). Nothing is applied unless every operation reads.
 */
export function readUserPatch(text: string): Read<UserPatch> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const parsed = patchSchema.safeParse(json.data);
  if (!parsed.success) return refuse("invalidSyntax", describeIssues(parsed.error));
  const patch: UserPatch = {};
  for (const operation of parsed.data.Operations) {
    const op = operation.op.toLowerCase();
    const path = operation.path === undefined ? undefined : normalisePath(operation.path);
    let read: ScimRefusal | null;
    if (op === "remove") {
      if (path === undefined) return refuse("noTarget", "A remove operation needs a path.");
      read = removeAttribute(patch, path);
    } else if (op === "add" || op === "replace") {
      read = path === undefined ? setValueObject(patch, operation.value) : setAttribute(patch, path, operation.value);
    } else {
      return refuse("invalidSyntax", `Unknown operation "${operation.op.slice(0, 20)}": use add, replace or remove.`);
    }
    if (read) return read;
  }
  return { ok: true, data: patch };
}

/** Lower-cased, without the core schema's URN; a value filter keeps its inner spaces collapsed. */
function normalisePath(path: string): string {
  const lower = path.trim().toLowerCase().replace(/\s+/g, " ");
  return lower.startsWith(CORE_URN_PREFIX) ? lower.slice(CORE_URN_PREFIX.length) : lower;
}

const WORK_EMAIL_PATHS = new Set(['emails[type eq "work"].value', "emails.value", 'emails[primary eq true].value']);
const REQUIRED_PATHS = new Set(["active", "name", "name.givenname", "name.familyname", "username", "emails", ...WORK_EMAIL_PATHS]);

function removeAttribute(patch: UserPatch, path: string): ScimRefusal | null {
  if (path === "externalid") {
    patch.externalId = null;
    return null;
  }
  if (REQUIRED_PATHS.has(path)) return refuse("mutability", `Roster needs ${path}: it can be replaced, not removed.`);
  return null;
}

function setValueObject(patch: UserPatch, value: unknown): ScimRefusal | null {
  if (!isPlainObject(value)) return refuse("invalidValue", "An operation without a path needs an object as its value.");
  for (const [key, inner] of Object.entries(value)) {
    const refused = setAttribute(patch, normalisePath(key), inner);
    if (refused) return refused;
  }
  return null;
}

function setAttribute(patch: UserPatch, path: string, value: unknown): ScimRefusal | null {
  switch (path) {
    case "active": {
      const active = scimBoolean.safeParse(value);
      if (!active.success) return refuse("invalidValue", "active is true or false.");
      patch.active = active.data;
      return null;
    }
    case "name": {
      if (!isPlainObject(value)) return refuse("invalidValue", "name is an object: { givenName, familyName }.");
      for (const [key, inner] of Object.entries(value)) {
        const refused = setAttribute(patch, `name.${key.toLowerCase()}`, inner);
        if (refused) return refused;
      }
      return null;
    }
    case "name.givenname":
      return setName(patch, "firstName", nameSchema("first name (name.givenName)"), value);
    case "name.familyname":
      return setName(patch, "lastName", nameSchema("last name (name.familyName)"), value);
    case "username":
      return setUserName(patch, value);
    case "emails": {
      if (!Array.isArray(value)) return refuse("invalidValue", "emails is a list: [{ value, type, primary }].");
      const chosen: unknown = value.find((email) => isPlainObject(email) && email.primary === true) ?? value[0];
      return chosen === undefined ? null : setUserName(patch, isPlainObject(chosen) ? chosen.value : chosen);
    }
    case "externalid": {
      if (value === null) {
        patch.externalId = null;
        return null;
      }
      const externalId = externalIdSchema.safeParse(value);
      if (!externalId.success) return refuse("invalidValue", `externalId: ${externalId.error.issues[0]!.message}`);
      patch.externalId = externalId.data;
      return null;
    }
    default:
      if (WORK_EMAIL_PATHS.has(path)) return setUserName(patch, value);
      // displayName, name.formatted (both derived from the names), and what Roster does not keep.
      return null;
  }
}

function setName(patch: UserPatch, field: "firstName" | "lastName", schema: z.ZodType<string>, value: unknown): ScimRefusal | null {
  const name = schema.safeParse(value);
  if (!name.success) return refuse("invalidValue", name.error.issues[0]!.message);
  patch[field] = name.data;
  return null;
}

function setUserName(patch: UserPatch, value: unknown): ScimRefusal | null {
  if (typeof value !== "string" || value.length > 254) return refuse("invalidValue", "userName is an email address.");
  patch.userName = value.trim();
  return null;
}

function parseJson(text: string): { ok: true; data: unknown } | ScimRefusal {
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch {
    return refuse("invalidSyntax", "The request body is not valid JSON.");
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join(" ");
}
