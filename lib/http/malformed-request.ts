/**
 * Requests Next.js 16 cannot decode answer 500 before any page or action runs. The proxy runs first,
 * so it refuses them here with a 4xx and a short plain-text reason (Next's client shows the text of
 * a failed action's text/plain answer to the user).
 */
export type Refusal = { status: 400 | 413; message: string };

/**
 * A path segment that is not percent-encoded UTF-8 ("%", "%zz", a lone surrogate, an overlong form):
 * Next's dynamic-route matcher throws on it and answers 500. decodeURIComponent refuses the same set.
 */
export function refuseUndecodablePath(pathname: string): Refusal | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return { status: 400, message: "This address is not valid: it has a malformed %-escape." };
  }
}

/**
 * Next's serverActions.bodySizeLimit, which next.config.mjs leaves at its default (1 MB). Over it,
 * Next throws a 413 error inside the action handler and a fetch action answers 500.
 */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

const TOO_LARGE: Refusal = { status: 413, message: "This request is too large." };
const NOT_A_REPLY: Refusal = { status: 400, message: "This request could not be read. Reload the page and try again." };

/**
 * A reply in one part holds only row 0 (React's decodeReply puts the string there). Strings that name
 * another row cannot resolve and make the decoder fail: "$" then a hex row id, or "$" plus one tag
 * character then a hex row id (Map "$Q1", Set "$W1", promise "$@1", blob "$B1", …). The tags React
 * writes inline with no row id are left alone: "$$" escape, "$D" date, "$n" bigint, "$T" temporary
 * reference, and "$Infinity", "$NaN", "$-0", "$undefined", whose letters are not hex. "$0:path" is a
 * repeated object within row 0 and does resolve.
 */
const ROW_REFERENCE = /^\$(?![$Dn])([^0-9a-f]?)([0-9a-f]+)(?::|$)/;

type RowReference = { tag: string; row: number };

/** The other rows a decoded JSON row names (row 0 is the root itself). */
function rowsNamedIn(value: unknown, found: RowReference[] = []): RowReference[] {
  if (typeof value === "string") {
    const match = ROW_REFERENCE.exec(value);
    const row = match ? Number.parseInt(match[2]!, 16) : 0;
    if (row !== 0) found.push({ tag: match![1]!, row });
  } else if (Array.isArray(value)) {
    for (const item of value) rowsNamedIn(item, found);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) rowsNamedIn(item, found);
  }
  return found;
}

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** Whether text is what React's encodeReply sends when it needs one part: the arguments as a JSON array. */
export function isSinglePartReply(text: string): boolean {
  const root = parseJson(text);
  return root.ok && Array.isArray(root.value) && rowsNamedIn(root.value).length === 0;
}

/** Tags of rows that are JSON themselves: an outlined object, a Map, a Set, a promise's value. */
const JSON_ROW_TAGS = new Set(["", "Q", "W", "@"]);

/**
 * Whether a multipart body is a reply React's encodeReply could have sent: part "0" is the arguments
 * as a JSON array, and every row a JSON part names is there (JSON rows are checked in turn). A
 * FormData argument ("$K1") is its fields prefixed "_1_", which may be none, so it always resolves.
 */
export function isMultipartReply(form: FormData): boolean {
  const root = form.get("0");
  if (typeof root !== "string") return false;
  const parsedRoot = parseJson(root);
  if (!parsedRoot.ok || !Array.isArray(parsedRoot.value)) return false;
  const checked = new Set<number>([0]);
  const pending = rowsNamedIn(parsedRoot.value);
  for (let reference = pending.pop(); reference; reference = pending.pop()) {
    if (reference.tag === "K" || checked.has(reference.row)) continue;
    checked.add(reference.row);
    const part = form.get(String(reference.row));
    if (part === null) return false;
    if (!JSON_ROW_TAGS.has(reference.tag)) continue; // a file, typed array or stream: its bytes are its own
    const row = typeof part === "string" ? parseJson(part) : ({ ok: false } as const);
    if (!row.ok) return false;
    pending.push(...rowsNamedIn(row.value));
  }
  return true;
}

/** Reads at most limit + 1 bytes: enough to tell an over-limit body from one within it. */
async function readUpTo(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a cloned (teed) body settles only once the other is cancelled too.
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A server action call Next cannot decode: over the body limit (413), or a body that is not a reply
 * (400). Next decodes a POST with a Next-Action header as one JSON row unless it is
 * multipart/form-data, whatever its Content-Type; a multipart POST without the header may be a form
 * posted without JavaScript, so it only has to parse as multipart. Route handlers under /api are not
 * actions. Reads clones of the body, so the action still gets all of it.
 */
export async function refuseUndecodableAction(request: Request, pathname: string): Promise<Refusal | null> {
  if (request.method !== "POST" || pathname.startsWith("/api/")) return null;
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const fetchAction = request.headers.has("next-action");
  if (!fetchAction && !multipart) return null;

  const declaredLength = request.headers.get("content-length");
  if (declaredLength !== null && Number(declaredLength) > ACTION_BODY_LIMIT_BYTES) return TOO_LARGE;

  if (!multipart || declaredLength === null) {
    const body = request.clone().body;
    const bytes = body ? await readUpTo(body, ACTION_BODY_LIMIT_BYTES) : new Uint8Array();
    if (bytes === null) return TOO_LARGE;
    if (!multipart) return isSinglePartReply(Buffer.from(bytes).toString("utf8")) ? null : NOT_A_REPLY;
  }
  // Next parses any multipart POST to a page, with or without Next-Action, and answers 500 when it cannot.
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  if (!form) return NOT_A_REPLY;
  // Without Next-Action it is a form posted without JavaScript, which Next reads by its own fields.
  return !fetchAction || isMultipartReply(form) ? null : NOT_A_REPLY;
}

export function refusalResponse({ status, message }: Refusal): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
