import type { z } from "zod";
import type { FieldErrors } from "@/lib/validation/field-errors";
import type { ProblemFieldError } from "./problem";

/** The names of list inputs whose entries are reported by row: the API's `users` and the form's `rows`. */
const LISTS = new Set(["users", "rows"]);

/** A dotted field path ("users.2.email", the form's "rows.2.email") as the API reports it. */
function fromPath(path: readonly PropertyKey[], message: string): ProblemFieldError {
  const [list, row, ...rest] = path;
  if (typeof list === "string" && LISTS.has(list) && row !== undefined && /^\d+$/.test(String(row))) {
    return { row: Number(row), field: rest.length ? rest.map(String).join(".") : "users", message };
  }
  const field = path.map(String).join(".");
  return { field: field === "rows" ? "users" : field || "body", message };
}

export function problemErrorsFromZod(error: z.ZodError): ProblemFieldError[] {
  return error.issues.map((issue) => fromPath(issue.path, issue.message));
}

/** The domain's field errors (keyed "rows.2.email", as the form shows them) as the API reports them. */
export function problemErrorsFromFields(fieldErrors: FieldErrors): ProblemFieldError[] {
  return Object.entries(fieldErrors).flatMap(([key, messages]) => messages.map((message) => fromPath(key.split("."), message)));
}
