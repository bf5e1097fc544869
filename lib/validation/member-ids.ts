import { z } from "@/lib/validation/zod";

export const MAX_BULK_USERS = 1000;

/** Bulk actions name users by id: bounded and de-duplicated, so "3 users" means three. */
export const memberIdsSchema = z.object({
  memberIds: z
    .array(z.uuid("Unknown user."))
    .min(1, "Select at least one user.")
    .max(MAX_BULK_USERS, `Select at most ${MAX_BULK_USERS} users at once.`)
    .transform((ids) => [...new Set(ids)]),
});

/** An action on exactly one user (Copy invitation link). */
export const memberIdSchema = z.object({ memberId: z.uuid("Unknown user.") });
