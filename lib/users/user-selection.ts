import type { Database } from "@/db/client";
import { members } from "@/db/schema";
import type { UserStatus } from "@/lib/invitations/status";
import { usersViewWhere } from "./users-view-where";

/** Select all N users works on at most this many at once: each becomes a row of one transaction. */
export const MAX_SELECT_ALL_USERS = 10_000;

/** The Users table's search, status filter and send: the rows Select all N users stands for. */
export type UsersView = { q: string; status: UserStatus[]; send?: string | null };

/**
 * Which users a bulk action applies to: ids the admin ticked on a page, or everyone matching a view
 * (Select all N users), which the server finds again itself, inside the action's transaction, rather
 * than taking a list of ids from the browser.
 */
export type UserSelection = { memberIds: string[] } | { view: UsersView };

export const tooManySelected = (count: number) =>
  `Select all works on at most ${MAX_SELECT_ALL_USERS.toLocaleString("en")} users at once, and this view has ${count.toLocaleString("en")}. Narrow the search or the status filter, then try again. Nothing was changed.`;

/**
 * The ids a selection stands for now, within the transaction `tx`: a view is queried again (listed
 * users of the organization only); null when it matches more than MAX_SELECT_ALL_USERS.
 */
export async function selectedMemberIds(
  tx: Database,
  organizationId: string,
  selection: UserSelection,
  now: Date,
): Promise<{ ids: string[] } | { tooMany: number }> {
  if ("memberIds" in selection) return { ids: selection.memberIds };
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(usersViewWhere(organizationId, selection.view, now))
    .limit(MAX_SELECT_ALL_USERS + 1);
  if (rows.length > MAX_SELECT_ALL_USERS) return { tooMany: await countSelected(tx, organizationId, selection.view, now) };
  return { ids: rows.map((row) => row.id) };
}

/** How many listed users a view matches. */
export async function countSelected(tx: Database, organizationId: string, view: UsersView, now: Date): Promise<number> {
  return tx.$count(members, usersViewWhere(organizationId, view, now));
}
