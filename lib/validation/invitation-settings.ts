import { z } from "@/lib/validation/zod";
import { emailAddressSchema } from "./email-address";
import { isMultiLineText, isSingleLineText } from "./plain-text";

export const MAX_CUSTOM_MESSAGE_LENGTH = 1000;
export const DEFAULT_VALIDITY_DAYS = 30;

const optionalText = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : value))
    .pipe(schema.nullable());

export const invitationSettingsSchema = z.object({
  organizationName: z
    .string({ error: "Enter the organization name." })
    .trim()
    .min(1, "Enter the organization name.")
    .max(100, "An organization name has at most 100 characters.")
    .refine(isSingleLineText, "An organization name cannot contain control or invisible formatting characters."),
  contactEmail: optionalText(emailAddressSchema).default(null),
  customMessage: optionalText(
    z
      .string()
      .max(MAX_CUSTOM_MESSAGE_LENGTH, `A custom message has at most ${MAX_CUSTOM_MESSAGE_LENGTH} characters.`)
      .refine(isMultiLineText, "A custom message cannot contain control characters other than line breaks."),
  ).default(null),
  validityDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "Invitations are valid for at least 1 day.")
    .max(90, "Invitations are valid for at most 90 days.")
    .default(DEFAULT_VALIDITY_DAYS),
});

export type InvitationSettingsInput = z.output<typeof invitationSettingsSchema>;
