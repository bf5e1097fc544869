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
const ROW_REFERENCE = /^\$(?![$Dn])[^0-9a-f]?([0-9a-f]+)(?::|$)/;

function namesAnotherRow(value: unknown): boolean {
  if (typeof value === "string") {
    const match = ROW_REFERENCE.exec(value);
    return match !== null && Number.parseInt(match[1]!, 16) !== 0;
  }
  if (Array.isArray(value)) return value.some(namesAnotherRow);
  if (value !== null && typeof value === "object") return Object.values(value).some(namesAnotherRow);
  return false;
}

/** Whether text is what React's encodeReply sends when it needs one part: the arguments as a JSON array. */
export function isSinglePartReply(text: string): boolean {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return false;
  }
  return Array.isArray(root) && !namesAnotherRow(root);
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
 * A server action call Next cannot decode: over the body limit (413), or a single-part body that is
 * not a reply (400). Next decodes a POST with a Next-Action header as one JSON row unless it is
 * multipart/form-data, whatever its Content-Type; a multipart POST without the header may be a form
 * action, so only its size is checked. Route handlers under /api are not actions. Reads a clone of
 * the body, so the action still gets all of it.
 */
export async function refuseUndecodableAction(request: Request, pathname: string): Promise<Refusal | null> {
  if (request.method !== "POST" || pathname.startsWith("/api/")) return null;
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const fetchAction = request.headers.has("next-action");
  if (!fetchAction && !multipart) return null;

  const declaredLength = request.headers.get("content-length");
  if (declaredLength !== null && Number(declaredLength) > ACTION_BODY_LIMIT_BYTES) return TOO_LARGE;
  // A declared length is enforced by Node's HTTP parser: a multipart body within it needs no reading.
  if (multipart && declaredLength !== null) return null;

  const body = request.clone().body;
  const bytes = body ? await readUpTo(body, ACTION_BODY_LIMIT_BYTES) : new Uint8Array();
  if (bytes === null) return TOO_LARGE;
  if (multipart) return null;
  return isSinglePartReply(Buffer.from(bytes).toString("utf8")) ? null : NOT_A_REPLY;
}

export function refusalResponse({ status, message }: Refusal): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
