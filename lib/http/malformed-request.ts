/**
 * Cheap refusals proxy.ts makes before Next.js routes a request, for what Next.js 16 would otherwise
 * answer with a bare 500: a short plain-text reason and a 4xx that says whose mistake it is. Nothing
 * here reads what a body means; a server-action body Next.js cannot decode is left to Next.js
 * (e2e/hostile-input.spec.ts keeps that visible).
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
 * Next's serverActions.bodySizeLimit, set to the same figure in next.config.mjs. Over it, Next throws
 * a 413 error inside the action handler and a fetch action answers 500.
 *
 * 9 MiB: the largest valid invitation, 10,000 rows (MAX_INVITE_ROWS) of 100-character names of
 * three-byte letters and 254-character addresses, is 8.7 MiB as React encodes it (the unit test
 * builds it). One figure for every action, because a larger one for the invite action alone would
 * protect nothing: its id is in every admin's page, so anyone can name it on any POST and have that
 * much decoded. It stays under Next's proxyClientMaxBodySize (10 MiB), beyond which the body this
 * module counts would be cut short.
 */
export const ACTION_BODY_LIMIT_BYTES = 9 * 1024 * 1024;

const TOO_LARGE: Refusal = { status: 413, message: "This request is too large." };

/** Whether a body is longer than limit bytes, reading at most limit + 1 of them. */
async function longerThan(body: ReadableStream<Uint8Array>, limit: number): Promise<boolean> {
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a cloned (teed) body settles only once the other is cancelled too.
      reader.cancel().catch(() => {});
      return true;
    }
  }
}

/**
 * A POST Next.js handles as a server action (a Next-Action header, or a multipart form posted
 * without JavaScript) over the action body limit: by its Content-Length, or, when it declares none,
 * by counting a clone of the body, so the action still gets all of it. Route handlers under /api
 * are not actions.
 */
export async function refuseOversizedAction(request: Request, pathname: string): Promise<Refusal | null> {
  if (request.method !== "POST" || pathname.startsWith("/api/")) return null;
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (!request.headers.has("next-action") && !multipart) return null;
  const declaredLength = request.headers.get("content-length");
  if (declaredLength !== null) return Number(declaredLength) > ACTION_BODY_LIMIT_BYTES ? TOO_LARGE : null;
  const body = request.clone().body;
  return body && (await longerThan(body, ACTION_BODY_LIMIT_BYTES)) ? TOO_LARGE : null;
}

export function refusalResponse({ status, message }: Refusal): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
