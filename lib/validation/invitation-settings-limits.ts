/** The setup form's limits, without zod: the form shows them, invitation-settings.ts enforces them. */
export const MAX_CUSTOM_MESSAGE_LENGTH = 1000;
export const DEFAULT_VALIDITY_DAYS = 30;
export const MAX_VALIDITY_DAYS = 90;
/** Send a reminder this many days before a link expires (null: off); the setup form offers 1 to 14. */
export const DEFAULT_REMINDER_DAYS_BEFORE = 3;
export const MAX_REMINDER_DAYS_BEFORE = 14;
