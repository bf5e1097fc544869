import type { z } from "zod";

/** Field errors keyed by the dotted path of the field ("rows.2.email"), each a list of sentences. */
export type FieldErrors = Record<string, string[]>;

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
