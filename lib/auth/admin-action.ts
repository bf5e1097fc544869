import { forbidden, unauthorized, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { failure, type Result } from "@/lib/result";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { getCaller, type AdminContext, type Caller } from "./caller";
import { requireMembersOfOrganization } from "./organization-scope";

export type AdminActionOptions<Input> = {
  /** The user ids the input names: each must belong to the caller's organization (404 otherwise). */
  memberIdsOf?: (input: Input) => string[];
};

type Action<Schema extends z.ZodType, T> = (input: z.input<Schema> | FormData) => Promise<Result<T>>;

/**
 * Parses the input with zod and turns an unexpected failure into a sentence rather than a stack
 * trace; Next's own answers (404, redirects) pass through.
 */
async function runParsed<Schema extends z.ZodType, T>(
  schema: Schema,
  raw: z.input<Schema> | FormData,
  work: (input: z.output<Schema>) => Promise<Result<T>>,
): Promise<Result<T>> {
  const parsed = schema.safeParse(raw instanceof FormData ? Object.fromEntries(raw) : raw);
  if (!parsed.success) return failure("Some fields need your attention.", fieldErrorsFromZod(parsed.error));
  try {
    return await work(parsed.data);
  } catch (error) {
    unstable_rethrow(error); // 404 for another organization's ids is Next's to answer
    console.error("Action failed", error);
    return failure("Something went wrong on our side and nothing was changed. Try again in a moment.");
  }
}

/**
 * The one door for admin mutations: authenticates the caller from the session (401 without one, 403
 * for a signed-in non-admin), scopes the work to the admin's current organization (never to one named
 * by the client; ids of another organization are answered 404), parses the input with zod, and turns
 * an unexpected failure into a sentence rather than a stack trace.
 */
export function adminAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>, context: AdminContext) => Promise<Result<T>>,
  options: AdminActionOptions<z.output<Schema>> = {},
): Action<Schema, T> {
  return async (raw) => {
    const caller = await getCaller();
    if (caller.kind === "anonymous") unauthorized();
    if (caller.kind !== "admin") forbidden();
    const context = caller.context;
    return runParsed(schema, raw, async (input) => {
      if (options.memberIdsOf) await requireMembersOfOrganization(getDb(), context.organizationId, options.memberIdsOf(input));
      return handler(input, context);
    });
  };
}

/**
 * The door for what a person does about their own memberships (/account, the organization switcher):
 * any signed-in caller (401 without a session); the handler decides, from the caller's memberships,
 * whether the organization the input names is theirs to act on.
 */
export function signedInAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>, caller: Exclude<Caller, { kind: "anonymous" }>) => Promise<Result<T>>,
): Action<Schema, T> {
  return async (raw) => {
    const caller = await getCaller();
    if (caller.kind === "anonymous") unauthorized();
    return runParsed(schema, raw, (input) => handler(input, caller));
  };
}
