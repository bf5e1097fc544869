/**
 * Columns of the Users table an admin may add (SPEC's columns are always shown). The choice is the
 * admin's own and follows them to any device (lib/users/admin-preferences.ts).
 */
export const optionalUserColumns = ["invitedBy", "lastSent"] as const;
export type OptionalUserColumn = (typeof optionalUserColumns)[number];

export const optionalUserColumnLabels: Record<OptionalUserColumn, string> = {
  invitedBy: "Invited by",
  lastSent: "Last sent",
};

/** Kept in the table's order, whatever order they were stored or sent in. */
export const inTableOrder = (columns: readonly string[]): OptionalUserColumn[] =>
  optionalUserColumns.filter((column) => columns.includes(column));
