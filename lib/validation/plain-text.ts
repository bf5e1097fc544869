/**
 * Characters no typed field needs. PostgreSQL `text` cannot hold U+0000 at all (the insert fails), the
 * other C0/C1 controls and Unicode line separators are never part of a name or an address, a lone
 * UTF-16 surrogate is not text (it would be stored as U+FFFD), and bidirectional overrides make a
 * name display as something else ("Trojan Source").
 */
const LINE_BREAKS = "\\n\\r";
const OTHER_CONTROLS = "\\u0000-\\u0009\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const LONE_SURROGATE = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";

const singleLineForbidden = new RegExp(`[${LINE_BREAKS}${OTHER_CONTROLS}]|${LONE_SURROGATE}`);
// A tab is kept out of multi-line text too: it is a spreadsheet cell break and never typed in a textarea.
const multiLineForbidden = new RegExp(`[${OTHER_CONTROLS}]|${LONE_SURROGATE}`);
const everyForbidden = new RegExp(`[${LINE_BREAKS}${OTHER_CONTROLS}]|${LONE_SURROGATE}`, "g");

export const isSingleLineText = (text: string) => !singleLineForbidden.test(text);
export const isMultiLineText = (text: string) => !multiLineForbidden.test(text);

/** For text that must not be refused (a search box in the URL): the forbidden characters become spaces. */
export const withoutForbiddenCharacters = (text: string) => text.replace(everyForbidden, " ");

/**
 * A cell that starts with one of these is run as a formula by Excel, LibreOffice and Google Sheets
 * (CSV injection). Nobody's name starts with them, so names that do are refused where they come in.
 */
export const startsLikeFormula = (text: string) => /^[=+\-@]/.test(text);
