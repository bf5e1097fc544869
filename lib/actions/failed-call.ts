import { unstable_rethrow } from "next/navigation";
import { failure, type Result } from "@/lib/result";

/**
 * The sentence to show for a server action call that failed on its way. proxy.ts answers a client
 * over an abuse limit with a 429 before the action runs; its text ("Too many …. Try again in …")
 * becomes the message of the error Next's client throws. Next's own signals (a redirect, a 401 or
 * 403) are thrown on, to be handled as they would be without this.
 */
export function failedCallMessage(error: unknown): string {
  unstable_rethrow(error);
  return error instanceof Error && error.message ? error.message : "Something went wrong. Try again in a moment.";
}

/**
 * The sentence of a call refused over an abuse limit, or null when it failed for another reason (a
 * lost connection, a server error). Every over-limit sentence starts "Too many" (abuse-limits.ts).
 */
export function overLimitMessage(error: unknown): string | null {
  const message = failedCallMessage(error);
  return message.startsWith("Too many") ? message : null;
}

/**
 * An action's Result, with a call that failed on its way turned into a failed Result: for actions
 * called from event handlers. Forms whose action is the server action itself (so that they work
 * without JavaScript) meet the thrown error in their segment's error.tsx instead.
 */
export function resultOfCall<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  return call.catch((error: unknown) => failure(failedCallMessage(error)));
}
