import { z } from "@/lib/validation/zod";
import { maxSearchLength } from "@/lib/data-table/search-params";
import { userStatuses } from "@/lib/invitations/status";
import { withoutForbiddenCharacters } from "./plain-text";

/**
 * Select all N users names the view, not the users: the search and status filter the Users table
 * shows, read as the URL's parsers read them (lib/data-table/search-params.ts). The server finds the
 * users again (lib/users/user-selection.ts).
 */
export const usersViewSchema = z.object({
  view: z.object({
    q: z
      .string({ error: "Unknown search." })
      .max(maxSearchLength, `A search has at most ${maxSearchLength} characters.`)
      .transform((text) => withoutForbiddenCharacters(text).trim()),
    status: z
      .array(z.enum(userStatuses, { error: "Unknown status." }))
      .max(userStatuses.length, "Unknown status.")
      .transform((statuses) => [...new Set(statuses)]),
    send: z.uuid("Unknown send.").nullish(),
  }),
});
