import { forbidden, unauthorized, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { failure, type Result } from "@/lib/result";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { getCaller, type AdminContext } from "./admin-context";
import { requireMembersOfOrganization } from "./organization-scope";

export type AdminActionOptions<Input> = {
  /** The user ids the input names: each must belong to the caller's organization (404 otherwise). */
  memberIdsOf?: (input: Input) => string[];
};

/**
 * The one door for admin mutations: authenticates the caller from the session (401 without one, 403
 * for a signed-in non-admin), scopes the work to the admin's organization (never to one named by the
 * client; ids of another organization are answered 404), parses the input with zod, and turns an
 * unexpected failure into a sentence rather than a stack trace.
 */
export function adminAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>, context: AdminContext) => Promise<Result<T>>,
  options: AdminActionOptions<z.output<Schema>> = {},
): (input: z.input<Schema> | FormData) => Promise<Result<T>> {
  return async (raw) => {
    const caller = await getCaller();
    if (caller.kind === "anonymous") unauthorized();
    if (caller.kind !== "admin") forbidden();
    const context = caller.context;
    const parsed = schema.safeParse(raw instanceof FormData ? Object.fromEntries(raw) : raw);
    if (!parsed.success) return failure("Some fields need your attention.", fieldErrorsFromZod(parsed.error));
    try {
      if (options.memberIdsOf) {
        await requireMembersOfOrganization(getDb(), context.organizationId, options.memberIdsOf(parsed.data));
      }
      return await handler(parsed.data, context);
    } catch (error) {
      unstable_rethrow(error); // 404 for another organization's ids is Next's to answer
      console.error("Admin action failed", error);
      return failure("Something went wrong on our side and nothing was changed. Try again in a moment.");
    }
  };
}
