const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "23 December 2026": for emails and sentences. Dates are shown in UTC so every reader sees the same day. */
export const formatLongDate = (date: Date) => longDate.format(date);
/** "23 Dec 2026": for table cells. */
export const formatShortDate = (date: Date) => shortDate.format(date);
/** "23 Dec 2026, 17:40 UTC": for events. */
export const formatDateTime = (date: Date) => `${dateTime.format(date)} UTC`;

const DAY_MS = 24 * 60 * 60 * 1000;
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
