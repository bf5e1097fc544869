import { z } from "@/lib/validation/zod";
import { emailAddressSchema } from "./email-address";
import {
  DEFAULT_REMINDER_DAYS_BEFORE,
  DEFAULT_VALIDITY_DAYS,
  MAX_CUSTOM_MESSAGE_LENGTH,
  MAX_REMINDER_DAYS_BEFORE,
  MAX_VALIDITY_DAYS,
} from "./invitation-settings-limits";
import { isMultiLineText, isSingleLineText } from "./plain-text";


const optionalText = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : value))
    .pipe(schema.nullable());

export const organizationNameSchema = z
  .string({ error: "Enter the organization name." })
  .trim()
  .min(1, "Enter the organization name.")
  .max(100, "An organization name has at most 100 characters.")
  .refine(isSingleLineText, "An organization name cannot contain control or invisible formatting characters.");

export const REMINDER_DAYS_MESSAGE = `Choose Off or 1 to ${MAX_REMINDER_DAYS_BEFORE} days before the link expires.`;

/**
 * Send a reminder before the link expires: a whole number of days from 1 to 14, or null for off. The
 * form's select sends "off" or the number as text; the API sends null or a number.
 */
export const reminderDaysBeforeSchema = z.preprocess(
  (value) => (value === "off" ? null : typeof value === "string" && /^\d{1,2}$/.test(value) ? Number(value) : value),
  z
    .number({ error: REMINDER_DAYS_MESSAGE })
    .int(REMINDER_DAYS_MESSAGE)
    .min(1, REMINDER_DAYS_MESSAGE)
    .max(MAX_REMINDER_DAYS_BEFORE, REMINDER_DAYS_MESSAGE)
    .nullable(),
);

export const invitationSettingsSchema = z.object({
  organizationName: organizationNameSchema,
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
    .max(MAX_VALIDITY_DAYS, `Invitations are valid for at most ${MAX_VALIDITY_DAYS} days.`)
    .default(DEFAULT_VALIDITY_DAYS),
  reminderDaysBefore: reminderDaysBeforeSchema.default(DEFAULT_REMINDER_DAYS_BEFORE),
});

export type InvitationSettingsInput = z.output<typeof invitationSettingsSchema>;

/**
 * What the setup form holds while the admin types, for the email preview: any text within the
 * fields' lengths (half-typed addresses included); blanks and unusable day counts fall back to what
 * the preview shows for them.
 */
export const invitationPreviewSchema = z.object({
  organizationName: z.string().max(100).trim(),
  contactEmail: z.string().max(320).trim(),
  customMessage: z.string().max(MAX_CUSTOM_MESSAGE_LENGTH).trim(),
  validityDays: z.string().max(10),
});

export type InvitationPreviewInput = z.output<typeof invitationPreviewSchema>;
