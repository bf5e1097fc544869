import { isSingleLineText } from "@/lib/validation/plain-text";

/**
 * The SCIM filters Roster answers (RFC 7644 §3.4.2.2), the ones identity providers send to find a
 * user before they create or change one: `userName eq "…"` (case-insensitive, as userName is),
 * `emails[type eq "work"].value eq "…"` or `emails.value eq "…"` (the same address), and
 * `externalId eq "…"` (case-exact). Attribute names and `eq` are case-insensitive and may carry the
 * core schema's URN. Anything else is refused as `invalidFilter` rather than half understood.
 */
export type ScimFilter = { attribute: "email"; value: string } | { attribute: "externalId"; value: string };

export const MAX_FILTER_LENGTH = 1_000;
const CORE_PREFIX = "(?:urn:ietf:params:scim:schemas:core:2\\.0:User:)?";
const STRING = '"((?:[^"\\\\]|\\\\.)*)"';
const FILTERS: { pattern: RegExp; attribute: ScimFilter["attribute"] }[] = [
  { pattern: new RegExp(`^${CORE_PREFIX}userName\\s+eq\\s+${STRING}$`, "i"), attribute: "email" },
  { pattern: new RegExp(`^${CORE_PREFIX}emails\\[\\s*type\\s+eq\\s+"work"\\s*\\]\\.value\\s+eq\\s+${STRING}$`, "i"), attribute: "email" },
  { pattern: new RegExp(`^${CORE_PREFIX}emails(?:\\.value)?\\s+eq\\s+${STRING}$`, "i"), attribute: "email" },
  { pattern: new RegExp(`^${CORE_PREFIX}externalId\\s+eq\\s+${STRING}$`, "i"), attribute: "externalId" },
];

export const UNSUPPORTED_FILTER =
  'Roster supports the filters userName eq "…", emails[type eq "work"].value eq "…" and externalId eq "…".';

export function parseScimFilter(filter: string): { ok: true; filter: ScimFilter } | { ok: false; detail: string } {
  if (filter.length > MAX_FILTER_LENGTH) return { ok: false, detail: `A filter has at most ${MAX_FILTER_LENGTH} characters.` };
  const trimmed = filter.trim();
  for (const { pattern, attribute } of FILTERS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    const value = decodeJsonString(match[1]!);
    if (value === null) return { ok: false, detail: "The filter's value is not a valid JSON string." };
    // No user's address or externalId holds these (and PostgreSQL text cannot hold U+0000): nothing matches.
    if (!isSingleLineText(value)) return { ok: false, detail: "The filter's value holds control characters or a lone surrogate." };
    return { ok: true, filter: { attribute, value } };
  }
  return { ok: false, detail: UNSUPPORTED_FILTER };
}

/** A filter's quoted value is a JSON string (RFC 7644 §3.4.2.2): escapes are JSON's. */
function decodeJsonString(raw: string): string | null {
  try {
    const value: unknown = JSON.parse(`"${raw}"`);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}
