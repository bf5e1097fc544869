import type { z } from "zod";
import { problem, validationProblem } from "./problem";
import { problemErrorsFromZod } from "./field-errors";

/**
 * The largest body the API reads: a POST /api/v1/users of 10,000 rows (MAX_INVITE_ROWS) of long
 * names fits. The same figure as server actions' limit (lib/http/malformed-request.ts).
 */
export const API_BODY_LIMIT_BYTES = 9 * 1024 * 1024;

/** A body read, or why not: over the limit 413, bytes that are not UTF-8 400 (each protocol words the refusal). */
export type BodyRead = { ok: true; text: string } | { ok: false; status: 400 | 413; detail: string };

/** The body as UTF-8 text, read up to the limit: over it 413, bytes that are not UTF-8 400. */
export async function readBodyText(request: Request, limit = API_BODY_LIMIT_BYTES): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => ({
    ok: false as const,
    status: 413 as const,
    detail: `A request body has at most ${limit.toLocaleString("en")} bytes.`,
  });
  if (declared > limit) return tooLarge();
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, detail: "The request body is not UTF-8 text." };
  }
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** The body as JSON, checked by the schema: not JSON 400, not what the schema wants 422 with each field's error. */
export function parseJsonBody<Schema extends z.ZodType>(text: string, schema: Schema): Parsed<z.output<Schema>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: problem(400, "invalid-request", "The request body is not valid JSON.") };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: validationProblem(problemErrorsFromZod(parsed.error)) };
  return { ok: true, data: parsed.data };
}

/** Query parameters checked by the schema (the last of a repeated one wins): 422 with each parameter's error. */
export function parseQuery<Schema extends z.ZodType>(url: URL, schema: Schema): Parsed<z.output<Schema>> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return { ok: false, response: validationProblem(problemErrorsFromZod(parsed.error)) };
  return { ok: true, data: parsed.data };
}
