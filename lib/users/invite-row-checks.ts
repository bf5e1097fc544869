import { normaliseEmail } from "@/lib/validation/email-address";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { inviteRowSchema, LISTED_TWICE, type InviteRowInput } from "@/lib/validation/invite-users";

/**
 * The invite form's instant checks of a large CSV, one row at a time: each row goes through the
 * row schema of inviteUsersSchema, and "listed twice" is recomputed from the rows' addresses with
 * the schema's own positionsListedTwice, so an edit costs one row's parse and a pass over the
 * addresses instead of parsing every row again. Send invite still parses the whole submission with inviteUsersSchema, as the server does.
 */
export type InviteField = "firstName" | "lastName" | "email" | "role";
export type RowProblems = Partial<Record<InviteField, string[]>>;
/**
 * A row's own problems, and its address as inviteUsersSchema compares it for "listed twice": stored
 * form (trimmed, lower-cased) when valid; only trimmed when not, for the row's parse stops there.
 */
export type RowCheck = { problems: RowProblems; email: string };

export function checkInviteRow(row: InviteRowInput): RowCheck {
  const parsed = inviteRowSchema.safeParse(row);
  if (parsed.success) return { problems: {}, email: parsed.data.email };
  const problems: RowProblems = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as InviteField;
    (problems[field] ??= []).push(issue.message);
  }
  return { problems, email: problems.email ? row.email.trim() : normaliseEmail(row.email) };
}

/** Run for every row on every keystroke: no allocation. */
export function hasProblems(problems: RowProblems | undefined): boolean {
  for (const field in problems) if (problems[field as InviteField]?.length) return true;
  return false;
}

/** Every problem of a row: its own, "listed twice", and those the last send reported for it. */
export function problemsOfRow(check: RowCheck, listedTwice: boolean, reported: RowProblems | undefined): RowProblems {
  if (!listedTwice && !hasProblems(reported)) return check.problems;
  const merged: RowProblems = { ...check.problems };
  const add = (field: InviteField, message: string) => {
    const messages = merged[field] ?? [];
    if (!messages.includes(message)) merged[field] = [...messages, message];
  };
  if (listedTwice) add("email", LISTED_TWICE);
  for (const [field, messages] of Object.entries(reported ?? {}) as [InviteField, string[]][]) {
    for (const message of messages) add(field, message);
  }
  return merged;
}

/** The items that need attention, then the rest, each group in its original order. */
export function attentionFirst<T>(items: readonly T[], needsAttention: (item: T) => boolean): T[] {
  const first: T[] = [];
  const rest: T[] = [];
  for (const item of items) (needsAttention(item) ? first : rest).push(item);
  return first.concat(rest);
}

/**
 * Field errors of a submission ("rows.12.email") for the rows from position `from` on, keyed by
 * their position among those rows: the preview's rows follow the typed rows in what is sent.
 */
export function rowProblemsFrom(fieldErrors: FieldErrors, from: number): Map<number, RowProblems> {
  const byRow = new Map<number, RowProblems>();
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const match = /^rows\.(\d+)\.(firstName|lastName|email|role)$/.exec(key);
    if (!match || Number(match[1]) < from) continue;
    const position = Number(match[1]) - from;
    const problems = byRow.get(position) ?? {};
    problems[match[2] as InviteField] = [...(problems[match[2] as InviteField] ?? []), ...messages];
    byRow.set(position, problems);
  }
  return byRow;
}

/** The field errors of the rows before position `until` (the typed rows), keys unchanged. */
export function fieldErrorsBefore(fieldErrors: FieldErrors, until: number): FieldErrors {
  return Object.fromEntries(
    Object.entries(fieldErrors).filter(([key]) => {
      const match = /^rows\.(\d+)\./.exec(key);
      return !match || Number(match[1]) < until;
    }),
  );
}
