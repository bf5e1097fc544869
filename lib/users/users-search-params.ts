import { z } from "@/lib/validation/zod";
import { userStatuses } from "@/lib/invitations/status";
import { withoutForbiddenCharacters } from "@/lib/validation/plain-text";

/** Columns the URL may sort by: an explicit whitelist, anything else falls back to the default. */
export const userSortColumns = ["name", "email", "status", "invitedAt", "expiresAt", "enrolledAt"] as const;
export type UserSortColumn = (typeof userSortColumns)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const usersSearchParamsSchema = z.object({
  // A NUL would make PostgreSQL refuse the query (a 500): controls in a search become spaces.
  q: z
    .preprocess(firstValue, z.string().transform(withoutForbiddenCharacters).pipe(z.string().trim().max(200)).catch(""))
    .default(""),
  status: z
    .preprocess(
      (value) => String(firstValue(value) ?? "").split(",").filter(Boolean),
      z.array(z.enum(userStatuses)).catch([]),
    )
    .transform((statuses) => [...new Set(statuses)]),
  sort: z.preprocess(firstValue, z.enum(userSortColumns).catch("invitedAt")).default("invitedAt"),
  dir: z.preprocess(firstValue, z.enum(["asc", "desc"]).catch("desc")).default("desc"),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(1_000_000).catch(1)).default(1),
  perPage: z.preprocess(
    firstValue,
    z.coerce
      .number()
      .refine((size) => (PAGE_SIZES as readonly number[]).includes(size))
      .catch(25),
  ).default(25),
});

export type UsersSearchParams = z.output<typeof usersSearchParamsSchema>;

/** Never throws: whatever the URL says, the page gets a valid view (unknown values fall back to defaults). */
export function parseUsersSearchParams(raw: Record<string, string | string[] | undefined>): UsersSearchParams {
  return usersSearchParamsSchema.parse(raw);
}

export function usersSearchParamsToQuery(params: Partial<UsersSearchParams>): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.status?.length) query.set("status", params.status.join(","));
  if (params.sort && params.sort !== "invitedAt") query.set("sort", params.sort);
  if (params.dir && params.dir !== "desc") query.set("dir", params.dir);
  if (params.page && params.page > 1) query.set("page", String(params.page));
  if (params.perPage && params.perPage !== 25) query.set("perPage", String(params.perPage));
  const text = query.toString();
  return text ? `?${text}` : "";
}
