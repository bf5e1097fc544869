import { createLoader, createSerializer, type inferParserType } from "nuqs/server";
import {
  paginationSearchParams,
  parseAsSearchText,
  parseAsSetOf,
  parseAsUuid,
  sortingSearchParams,
} from "@/lib/data-table/search-params";
import { userStatuses } from "@/lib/invitations/status";

/** Columns the URL may sort by: an explicit whitelist, anything else falls back to the default. */
export const userSortColumns = ["name", "email", "status", "invitedAt", "expiresAt", "enrolledAt"] as const;
export type UserSortColumn = (typeof userSortColumns)[number];

/**
 * The Users table's view in the URL: `?q=…&status=pending,expired&sort=email&dir=asc&page=2&perPage=50`,
 * and `send=<id>` for the users of one send (its page links there).
 */
export const usersSearchParams = {
  q: parseAsSearchText,
  status: parseAsSetOf(userStatuses),
  send: parseAsUuid,
  ...sortingSearchParams(userSortColumns, { sort: "invitedAt", dir: "desc" }),
  ...paginationSearchParams,
};
export type UsersSearchParams = inferParserType<typeof usersSearchParams>;

/** Never throws: whatever the URL says, the page gets a valid view (unknown values fall back to defaults). */
export const parseUsersSearchParams = createLoader(usersSearchParams);

const { q, status, send, sort, dir } = usersSearchParams;
const serializeExportView = createSerializer({ q, status, send, sort, dir });

/** Export CSV's link for a view: its search, filters and sort (all its rows, so no page), defaults left out. */
export const usersExportHref = (view: Pick<UsersSearchParams, "q" | "status" | "send" | "sort" | "dir">) =>
  serializeExportView("/users/export", view);

/** The Users table showing the users of one send. */
export const usersOfSendHref = (sendId: string) => createSerializer({ send })("/users", { send: sendId });
