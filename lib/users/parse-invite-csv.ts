import Papa from "papaparse";
import { MAX_INVITE_ROWS, type InviteRowInput } from "@/lib/validation/invite-users";

export type ParsedCsv = { rows: InviteRowInput[]; error: string | null };

/** Room for 10,000 rows of the longest names and addresses, with spare columns: beyond it, not parsed. */
export const MAX_CSV_CHARACTERS = 20_000_000;
export const NOT_UTF8 = 'The file is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8" and upload it again.';

const headerAliases: Record<keyof Omit<InviteRowInput, "role"> | "role", RegExp> = {
  firstName: /^(first|given)[ _-]?name$|^first$/i,
  lastName: /^(last|family)[ _-]?name$|^surname$|^last$/i,
  email: /^e-?mail([ _-]?address)?$/i,
  role: /^role$/i,
};

/**
 * Reads "first name, last name, email[, role]" rows. The header row is optional: it is recognised
 * when one of its cells names the email column, and then columns may come in any order.
 */
export function parseInviteCsv(text: string): ParsedCsv {
  if (text.length > MAX_CSV_CHARACTERS) {
    return { rows: [], error: `The file is too large; a file of ${MAX_INVITE_ROWS.toLocaleString("en")} invitations is at most 20 MB.` };
  }
  // The browser reads the file as UTF-8: UTF-16 comes out with NULs between the letters, and Latin-1
  // or binary bytes come out as U+FFFD. Either way the rows would be garbage, so say why instead.
  if (/[\u0000\ufffd]/.test(text)) return { rows: [], error: NOT_UTF8 };
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const records = parsed.data.filter((record) => record.some((cell) => cell.trim() !== ""));
  if (records.length === 0) return { rows: [], error: "The file has no rows." };

  const header = records[0]!.map((cell) => cell.trim());
  const hasHeader = header.some((cell) => headerAliases.email.test(cell));
  const column = (name: keyof typeof headerAliases, fallback: number) => {
    if (!hasHeader) return fallback;
    const index = header.findIndex((cell) => headerAliases[name].test(cell));
    return index;
  };
  const positions = { firstName: column("firstName", 0), lastName: column("lastName", 1), email: column("email", 2), role: column("role", 3) };
  if (hasHeader && (positions.firstName < 0 || positions.lastName < 0)) {
    return { rows: [], error: "The header row needs first name, last name and email columns." };
  }

  const body = hasHeader ? records.slice(1) : records;
  if (body.length > MAX_INVITE_ROWS) {
    return { rows: [], error: `The file has ${body.length.toLocaleString("en")} rows; invite at most ${MAX_INVITE_ROWS.toLocaleString("en")} users at once.` };
  }
  const cell = (record: string[], index: number) => (index >= 0 ? (record[index] ?? "").trim() : "");
  const rows = body.map((record) => {
    const role = cell(record, positions.role).toLowerCase();
    return {
      firstName: cell(record, positions.firstName),
      lastName: cell(record, positions.lastName),
      email: cell(record, positions.email),
      role: role === "admin" ? ("admin" as const) : ("member" as const),
    };
  });
  return { rows, error: null };
}
