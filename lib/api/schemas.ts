import { memberRoles } from "@/db/schema";
import { userStatuses } from "@/lib/invitations/status";
import { deliveryStates } from "@/lib/users/user-object";
import { invitationSettingsSchema, REMINDER_DAYS_MESSAGE } from "@/lib/validation/invitation-settings";
import { DEFAULT_REMINDER_DAYS_BEFORE, MAX_REMINDER_DAYS_BEFORE } from "@/lib/validation/invitation-settings-limits";
import { inviteUsersSchema } from "@/lib/validation/invite-users";
import { withoutForbiddenCharacters } from "@/lib/validation/plain-text";
import { z } from "@/lib/validation/zod";

/**
 * The REST API's inputs and outputs: the console's own schemas (the invite form's rows, the setup
 * form's fields) under the API's names, and the shapes the OpenAPI document describes
 * (lib/api/openapi.ts generates it from these).
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const listUsersQuerySchema = z.object({
  q: z
    .string()
    .max(200, "A search has at most 200 characters.")
    .transform((q) => withoutForbiddenCharacters(q).trim())
    .optional()
    .meta({ description: "Search in first name, last name and email (case-insensitive)." }),
  status: z
    .string()
    .max(100)
    .transform((list) => list.split(",").map((status) => status.trim()).filter(Boolean))
    .pipe(z.array(z.enum(userStatuses, { error: "A status is pending, expired or enrolled." })))
    .optional()
    .meta({ description: "Comma-separated statuses to include: pending, expired, enrolled. All when omitted." }),
  limit: z.coerce
    .number({ error: `A limit is a whole number from 1 to ${MAX_PAGE_SIZE}.` })
    .int(`A limit is a whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .min(1, `A limit is a whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .max(MAX_PAGE_SIZE, `A limit is a whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `Users per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "The previous page's nextCursor, to read the page after it." }),
});

/** POST /api/v1/users: the invite form's rows, as `users`; an omitted role is member. */
export const inviteUsersBodySchema = z.object({ users: inviteUsersSchema.shape.rows });

export const changeRoleBodySchema = z.object({
  role: z.enum(memberRoles, { error: "A role is member or admin." }),
});

/** Text fields the setup form leaves blank may be null in the API; both mean "none". */
const orNull = <T extends z.ZodType>(schema: T) => z.union([z.null(), schema]);

/**
 * PUT /api/v1/invitation-settings: the setup form's fields. A PUT replaces the setup: a field left out
 * takes its default, as on a fresh setup form (validityDays 30, reminderDaysBefore 3).
 */
export const invitationSettingsBodySchema = invitationSettingsSchema.extend({
  contactEmail: orNull(invitationSettingsSchema.shape.contactEmail),
  customMessage: orNull(invitationSettingsSchema.shape.customMessage),
  reminderDaysBefore: z
    .int({ error: REMINDER_DAYS_MESSAGE })
    .min(1, REMINDER_DAYS_MESSAGE)
    .max(MAX_REMINDER_DAYS_BEFORE, REMINDER_DAYS_MESSAGE)
    .nullable()
    .default(DEFAULT_REMINDER_DAYS_BEFORE)
    .meta({ description: "Send a reminder this many days before a link expires (1 to 14); null: off. Left out: 3." }),
});

export const invitationSettingsObjectSchema = z.object({
  organizationName: z.string(),
  contactEmail: z.string().nullable(),
  customMessage: z.string().nullable(),
  validityDays: z.int().min(1).max(90),
  reminderDaysBefore: z
    .int()
    .min(1)
    .max(MAX_REMINDER_DAYS_BEFORE)
    .nullable()
    .meta({ description: "A reminder is sent this many days before a link expires; null: reminders are off." }),
});

export const userObjectSchema = z.object({
  id: z.string().meta({ format: "uuid" }),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().meta({ format: "email" }),
  role: z.enum(memberRoles),
  status: z.enum(userStatuses),
  invitedAt: z.string().meta({ format: "date-time" }),
  expiresAt: z.string().nullable().meta({ format: "date-time", description: "Null once enrolled." }),
  enrolledAt: z.string().nullable().meta({ format: "date-time" }),
  delivery: z.enum(deliveryStates).nullable().meta({ description: "The newest invitation email's state." }),
});

export const problemSchema = z.object({
  type: z.string().meta({ description: "A URN naming the kind of problem, such as urn:roster:problem:validation." }),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  errors: z
    .array(
      z.object({
        row: z.int().optional().meta({ description: "0-based position in a list input (users)." }),
        field: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});
