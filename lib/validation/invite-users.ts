import { z } from "@/lib/validation/zod";
import { memberRoles } from "@/db/schema";
import { emailAddressSchema } from "./email-address";
import { isSingleLineText, startsLikeFormula } from "./plain-text";

export const MAX_INVITE_ROWS = 10_000;
export const MAX_NAME_LENGTH = 100;

export const nameSchema = (label: string) =>
  z
    .string({ error: `Enter a ${label}.` })
    .trim()
    .min(1, `Enter a ${label}.`)
    .max(MAX_NAME_LENGTH, `A ${label} has at most ${MAX_NAME_LENGTH} characters.`)
    .refine(isSingleLineText, `A ${label} cannot contain control or invisible formatting characters.`)
    .refine((name) => !startsLikeFormula(name), `A ${label} cannot start with =, +, - or @ (spreadsheets run such cells as formulas).`);

export const inviteRowSchema = z.object({
  firstName: nameSchema("first name"),
  lastName: nameSchema("last name"),
  email: emailAddressSchema,
  role: z.enum(memberRoles).default("member"),
});

export const LISTED_TWICE = "This address is listed twice.";

/** Positions of the rows whose address an earlier row already has: each is "listed twice". */
export function positionsListedTwice(emails: readonly string[]): Set<number> {
  const seen = new Set<string>();
  const twice = new Set<number>();
  emails.forEach((email, position) => {
    if (seen.has(email)) twice.add(position);
    else seen.add(email);
  });
  return twice;
}

/** One schema for the form (instant feedback) and the server action (the truth). */
export const inviteUsersSchema = z.object({
  rows: z
    .array(inviteRowSchema)
    .min(1, "Add at least one user to invite.")
    .max(MAX_INVITE_ROWS, `Invite at most ${MAX_INVITE_ROWS.toLocaleString("en")} users at once.`)
    .superRefine((rows, ctx) => {
      for (const index of positionsListedTwice(rows.map((row) => row.email))) {
        ctx.addIssue({ code: "custom", path: [index, "email"], message: LISTED_TWICE });
      }
    }),
});

export type InviteRowInput = z.input<typeof inviteRowSchema>;
export type InviteRow = z.output<typeof inviteRowSchema>;
export type InviteUsersInput = z.output<typeof inviteUsersSchema>;
