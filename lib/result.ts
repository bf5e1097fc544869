import type { FieldErrors } from "@/lib/validation/field-errors";

/** What every mutation returns: data, or a sentence for the person plus errors beside their fields. */
export type Result<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: FieldErrors };

export const success = <T>(data: T): Result<T> => ({ ok: true, data });
export const failure = (message: string, fieldErrors?: FieldErrors): { ok: false; message: string; fieldErrors?: FieldErrors } =>
  fieldErrors ? { ok: false, message, fieldErrors } : { ok: false, message };
