import { z } from "@/lib/validation/zod";
import { memberRoles } from "@/db/schema";
import { emailAddressSchema } from "./email-address";
import { isSingleLineText, startsLikeFormula } from "./plain-text";

export const MAX_INVITE_ROWS = 1000;
export const MAX_NAME_LENGTH = 100;

const nameSchema = (label: string) =>
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

/** One schema for the form (instant feedback) and the server action (the truth). */
export const inviteUsersSchema = z.object({
  rows: z
    .array(inviteRowSchema)
    .min(1, "Add at least one user to invite.")
    .max(MAX_INVITE_ROWS, `Invite at most ${MAX_INVITE_ROWS} users at once.`)
    .superRefine((rows, ctx) => {
      const firstIndexByEmail = new Map<string, number>();
      rows.forEach((row, index) => {
        const first = firstIndexByEmail.get(row.email);
        if (first === undefined) firstIndexByEmail.set(row.email, index);
        else ctx.addIssue({ code: "custom", path: [index, "email"], message: LISTED_TWICE });
      });
    }),
});

export type InviteRowInput = z.input<typeof inviteRowSchema>;
export type InviteRow = z.output<typeof inviteRowSchema>;
export type InviteUsersInput = z.output<typeof inviteUsersSchema>;
