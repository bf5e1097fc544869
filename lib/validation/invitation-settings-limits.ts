/** The setup form's limits, without zod: the form shows them, invitation-settings.ts enforces them. */
export const MAX_CUSTOM_MESSAGE_LENGTH = 1000;
export const DEFAULT_VALIDITY_DAYS = 30;
export const MAX_VALIDITY_DAYS = 90;
