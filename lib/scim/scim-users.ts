import { and, asc, count, eq, isNull, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";
import { appUrl } from "@/lib/config";
import { deriveStatus, type UserStatus } from "@/lib/invitations/status";
import { z } from "@/lib/validation/zod";
import type { ScimFilter } from "./filter";
import { LIST_RESPONSE_SCHEMA } from "./scim-response";

export const CORE_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
/** Roster's extension: the user's enrollment (SPEC "SCIM 2.0"). */
export const ROSTER_USER_SCHEMA = "urn:roster:params:scim:schemas:extension:2.0:User";

/** A page holds at most this many users; a larger `count` is lowered to it (RFC 7644 §3.4.2.4 lets the server). */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 100;

export type ScimUser = {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { givenName: string; familyName: string; formatted: string };
  displayName: string;
  emails: { value: string; type: "work"; primary: true }[];
  active: boolean;
  [ROSTER_USER_SCHEMA]: { status: UserStatus };
  meta: { resourceType: "User"; created: string; location: string };
};

const scimColumns = {
  id: members.id,
  firstName: members.firstName,
  lastName: members.lastName,
  email: members.email,
  scimUserName: members.scimUserName,
  externalId: members.externalId,
  invitedAt: members.invitedAt,
  invitationExpiresAt: members.invitationExpiresAt,
  enrolledAt: members.enrolledAt,
};
type ScimRow = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  scimUserName: string | null;
  externalId: string | null;
  invitedAt: Date;
  invitationExpiresAt: Date;
  enrolledAt: Date | null;
};

/**
 * A listed user as a SCIM User: `userName` and the one work email are the address (as the identity
 * provider spelt it), `name` the first and last name, `active` true (a removed user is not a user
 * any more: 404), and the enrollment in Roster's extension.
 */
export function toScimUser(row: ScimRow, now: Date, active = true): ScimUser {
  const userName = row.scimUserName ?? row.email;
  const formatted = `${row.firstName} ${row.lastName}`;
  return {
    schemas: [CORE_USER_SCHEMA, ROSTER_USER_SCHEMA],
    id: row.id,
    ...(row.externalId === null ? {} : { externalId: row.externalId }),
    userName,
    name: { givenName: row.firstName, familyName: row.lastName, formatted },
    displayName: formatted,
    emails: [{ value: userName, type: "work", primary: true }],
    active,
    [ROSTER_USER_SCHEMA]: { status: deriveStatus(row, now) },
    meta: { resourceType: "User", created: row.invitedAt.toISOString(), location: `${appUrl()}/scim/v2/Users/${row.id}` },
  };
}

const listedOf = (organizationId: string) => and(eq(members.organizationId, organizationId), isNull(members.removedAt))!;

/** The organization's listed user with this id, or null (not a UUID, another organization's, removed). */
export async function findScimUser(db: Database, organizationId: string, id: string, now: Date): Promise<ScimUser | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db.select(scimColumns).from(members).where(and(listedOf(organizationId), eq(members.id, id)));
  return row ? toScimUser(row, now) : null;
}

/** A user as SCIM last sees them when a PUT or PATCH removes them: `active: false`. */
export async function removedScimUser(db: Database, organizationId: string, id: string, now: Date): Promise<ScimUser | null> {
  const [row] = await db.select(scimColumns).from(members).where(and(eq(members.organizationId, organizationId), eq(members.id, id)));
  return row ? toScimUser(row, now, false) : null;
}

export const listQuerySchema = z.object({
  filter: z.string().optional(),
  startIndex: z.coerce.number().int().catch(1).default(1),
  count: z.coerce.number().int().catch(DEFAULT_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/**
 * A page of the organization's listed users, oldest invited first (id breaks ties) so that pages
 * stay put while users are invited. `startIndex` is 1-based; below 1 it is 1, and `count` is kept
 * between 0 (only totalResults) and MAX_PAGE_SIZE, as RFC 7644 §3.4.2.4 says.
 */
export async function listScimUsers(
  db: Database,
  input: { organizationId: string; filter: ScimFilter | null; startIndex: number; count: number; now: Date },
) {
  const conditions: SQL[] = [listedOf(input.organizationId)];
  if (input.filter?.attribute === "email") conditions.push(eq(members.email, input.filter.value.trim().toLowerCase()));
  if (input.filter?.attribute === "externalId") conditions.push(eq(members.externalId, input.filter.value));
  const where = and(...conditions);
  const startIndex = Math.max(1, input.startIndex);
  const pageSize = Math.min(Math.max(0, input.count), MAX_PAGE_SIZE);
  const [total] = await db.select({ total: count() }).from(members).where(where);
  const rows =
    pageSize === 0
      ? []
      : await db
          .select(scimColumns)
          .from(members)
          .where(where)
          .orderBy(asc(members.invitedAt), asc(members.id))
          .offset(startIndex - 1)
          .limit(pageSize);
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total?.total ?? 0,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((row) => toScimUser(row, input.now)),
  };
}
