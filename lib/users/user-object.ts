import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, authUsers, emails, members, type MemberRole } from "@/db/schema";
import type { UserStatus } from "@/lib/invitations/status";
import { statusSql } from "@/lib/invitations/status-sql";
import { usersViewWhere } from "./users-view-where";

/** What the delivery badge, the API and webhooks say of a user's newest invitation email. */
export const deliveryStates = ["queued", "sent", "delivered", "bounced", "failed"] as const;
export type DeliveryState = (typeof deliveryStates)[number];

/**
 * A user as the REST API and webhook payloads show them (SPEC "API, keys and webhooks"): status and
 * role lower-case, times in ISO 8601, `expiresAt` null once enrolled, `delivery` the newest invitation
 * email's state (null without one, or once it was cancelled by a removal).
 */
export type UserObject = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: MemberRole;
  status: UserStatus;
  invitedAt: string;
  expiresAt: string | null;
  enrolledAt: string | null;
  delivery: DeliveryState | null;
};

/**
 * A column of the members row of the surrounding query, qualified by hand: in a one-table select
 * Drizzle writes a bare "id", which inside a subquery would be the subquery's own table's.
 */
const outerMember = (column: { name: string }) => sql`${members}.${sql.identifier(column.name)}`;

/** The newest invitation email's state, for one members row of the surrounding query. */
export const latestDeliveryStatusSql = sql<string | null>`(
  select ${emails.status} from ${emails}
  where ${emails.memberId} = ${outerMember(members.id)} and ${emails.kind} = 'invitation'
  order by ${emails.createdAt} desc limit 1)`;

/** When an invitation email to this user last went to the provider (the first one or a resend). */
export const lastSentAtSql = sql<Date | null>`(
  select max(${emails.sentAt}) from ${emails}
  where ${emails.memberId} = ${outerMember(members.id)} and ${emails.kind} = 'invitation')`.mapWith(emails.sentAt);

/**
 * Who invited this user, as the Users table's "Invited by" names them: the admin by their name in this
 * organization (else their account's name or address), or the API key by name; null once deleted.
 */
export const invitedBySql = sql<string | null>`coalesce(
  (select coalesce(
      (select inviter.first_name || ' ' || inviter.last_name from ${members} as inviter
        where inviter.organization_id = ${outerMember(members.organizationId)} and inviter.email = account.email and inviter.removed_at is null),
      nullif(account.name, ''), account.email)
    from ${authUsers} as account where account.id = ${outerMember(members.invitedByUserId)}),
  (select 'API key ' || ${apiKeys.name} from ${apiKeys} where ${apiKeys.id} = ${outerMember(members.invitedByApiKeyId)}))`;

const isDeliveryState = (status: string | null): status is DeliveryState =>
  (deliveryStates as readonly string[]).includes(status ?? "");

/** A user's columns as the Users table shows them (before Expires is hidden for the enrolled): the page, the export and the user object. */
export const userColumns = (now: Date) => ({
  id: members.id,
  firstName: members.firstName,
  lastName: members.lastName,
  email: members.email,
  role: members.role,
  status: statusSql(now),
  invitedAt: members.invitedAt,
  expiresAt: members.invitationExpiresAt,
  enrolledAt: members.enrolledAt,
});

/** Expires as the Users table, the export and the API show it: none once the user has enrolled. */
export const shownExpiry = (row: { enrolledAt: Date | null; expiresAt: Date }): Date | null => (row.enrolledAt ? null : row.expiresAt);

/** The organization's users as userColumns reads them (callers add the conditions and the order). */
const selectUsers = (db: Database, now: Date) =>
  db.select({ ...userColumns(now), deliveryStatus: latestDeliveryStatusSql }).from(members);
type UserColumnsRow = Awaited<ReturnType<typeof selectUsers>>[number];

async function selectUserObjects(db: Database, where: SQL, now: Date): Promise<UserObject[]> {
  const rows = await selectUsers(db, now).where(where).orderBy(members.invitedAt, members.id);
  return rows.map(toUserObject);
}

function toUserObject(row: UserColumnsRow): UserObject {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    role: row.role,
    status: row.status,
    invitedAt: row.invitedAt.toISOString(),
    expiresAt: shownExpiry(row)?.toISOString() ?? null,
    enrolledAt: row.enrolledAt?.toISOString() ?? null,
    delivery: isDeliveryState(row.deliveryStatus) ? row.deliveryStatus : null,
  };
}

/** The organization's listed (not removed) users among these ids; ids of others or of removed users are left out. */
export function findUserObjects(db: Database, organizationId: string, ids: string[], now: Date): Promise<UserObject[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectUserObjects(
    db,
    and(eq(members.organizationId, organizationId), inArray(members.id, ids), isNull(members.removedAt))!,
    now,
  );
}

/** As findUserObjects, removed users included: a webhook announcing a removal describes the user removed. */
export function findUserObjectsIncludingRemoved(
  db: Database,
  organizationId: string,
  ids: string[],
  now: Date,
): Promise<UserObject[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectUserObjects(db, and(eq(members.organizationId, organizationId), inArray(members.id, ids))!, now);
}

/** Where a page of listUserObjects ends: the last user's invitedAt (in microseconds, as stored) and id. */
export type UserListPosition = { invitedAtMicros: string; id: string };

/**
 * The REST API's list: the organization's listed users, newest invited first (id breaks ties),
 * searched by name or email and filtered by status, one page after a position. Keyset paging: a page
 * starts strictly after the previous page's last (invitedAt, id), so users invited while a client
 * pages (newer, hence before its position) never shift or repeat what it reads next.
 */
export async function listUserObjects(
  db: Database,
  input: { organizationId: string; q: string; statuses: UserStatus[]; limit: number; after: UserListPosition | null; now: Date },
): Promise<{ users: UserObject[]; next: UserListPosition | null }> {
  // The same search and status filter as the Users table's.
  const conditions: SQL[] = [usersViewWhere(input.organizationId, { q: input.q, status: input.statuses }, input.now)];
  if (input.after) {
    const invitedAt = sql`(timestamptz 'epoch' + ${input.after.invitedAtMicros}::bigint * interval '1 microsecond')`;
    conditions.push(sql`(${members.invitedAt}, ${members.id}) < (${invitedAt}, ${input.after.id}::uuid)`);
  }
  const rows = await db
    .select({
      ...userColumns(input.now),
      deliveryStatus: latestDeliveryStatusSql,
      invitedAtMicros: sql<string>`(extract(epoch from ${members.invitedAt}) * 1000000)::bigint::text`,
    })
    .from(members)
    .where(and(...conditions))
    .orderBy(desc(members.invitedAt), desc(members.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    users: page.map(toUserObject),
    next: rows.length > input.limit && last ? { invitedAtMicros: last.invitedAtMicros, id: last.id } : null,
  };
}
