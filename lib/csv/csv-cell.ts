/**
 * Cells and rows of a CSV file for people to open in a spreadsheet: RFC 4180 (a cell holding a comma,
 * a double quote or a line break is quoted, its quotes doubled; rows end in CRLF), and no cell a
 * spreadsheet would run as a formula. Following OWASP's advice on CSV injection, a cell starting with
 * =, +, -, @, a tab or a carriage return (or a line feed, which some spreadsheets treat alike) gets a
 * leading apostrophe: the spreadsheet then shows it as text, and the apostrophe tells a reader why.
 * (Names are refused at input when they start with =, +, - or @: lib/validation/plain-text.ts. Rows
 * that came another way, and addresses, are still written safely here.)
 */

/** The characters that make a spreadsheet read a cell as a formula when it starts with one. */
export const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"] as const;

const wouldRunAsFormula = (text: string) => (FORMULA_TRIGGERS as readonly string[]).includes(text.charAt(0));
const needsQuotes = /[",\r\n]/;

/** One cell: made inert if it would start a formula, then quoted if RFC 4180 asks for it. */
export function csvCell(value: string): string {
  const inert = wouldRunAsFormula(value) ? `'${value}` : value;
  return needsQuotes.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

/** One row, with its CRLF. */
export function csvRow(values: readonly string[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
