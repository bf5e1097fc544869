import type { z } from "zod";
import { failure, type Result } from "@/lib/result";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { getAdminContext, type AdminContext } from "./admin-context";

export const SIGNED_OUT_MESSAGE = "You are not signed in as an admin. Sign in and try again.";

/**
 * The one door for admin mutations: authenticates the caller from the session, scopes the work to
 * the admin's organization (never to one named by the client), parses the input with zod, and turns
 * an unexpected failure into a sentence rather than a stack trace.
 */
export function adminAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>, context: AdminContext) => Promise<Result<T>>,
): (input: z.input<Schema> | FormData) => Promise<Result<T>> {
  return async (raw) => {
    const context = await getAdminContext();
    if (!context) return failure(SIGNED_OUT_MESSAGE);
    const parsed = schema.safeParse(raw instanceof FormData ? Object.fromEntries(raw) : raw);
    if (!parsed.success) return failure("Some fields need your attention.", fieldErrorsFromZod(parsed.error));
    try {
      return await handler(parsed.data, context);
    } catch (error) {
      console.error("Admin action failed", error);
      return failure("Something went wrong on our side and nothing was changed. Try again in a moment.");
    }
  };
}
