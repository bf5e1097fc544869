import { unstable_rethrow } from "next/navigation";
import { failure, type Result } from "@/lib/result";

/**
 * An action's Result, with a call that failed on its way (the connection dropped, the server answered
 * an error instead of the action's result) turned into a failed Result the form shows, instead of an
 * unhandled rejection: for actions called from event handlers. The message is the error's, which for
 * a plain-text answer (proxy.ts's 400 and 413) is its text. Next's own signals (a redirect, a 401 or
 * 403) are thrown on, to be handled as they would be without this.
 */
export function resultOfCall<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  return call.catch((error: unknown) => {
    unstable_rethrow(error);
    return failure(error instanceof Error && error.message ? error.message : "Something went wrong. Try again in a moment.");
  });
}
