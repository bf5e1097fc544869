import type { DatabaseHandle } from "@/db/client";

/**
 * Calls the REST API's route handlers in process, as Next.js would (a Request and the route's
 * params), against the test's database: getDb() reads the handle kept on globalThis.
 */
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export function useDatabaseForRoutes(handle: DatabaseHandle): () => void {
  (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase = handle;
  return () => {
    delete (globalThis as { rosterDatabase?: DatabaseHandle }).rosterDatabase;
  };
}

export type ApiCall = {
  method?: string;
  path: string;
  key?: string | null;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
};

export async function callRoute(handler: unknown, call: ApiCall): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const headers = new Headers(call.headers);
  if (call.key) headers.set("Authorization", `Bearer ${call.key}`);
  const body = call.body === undefined ? undefined : typeof call.body === "string" ? call.body : JSON.stringify(call.body);
  if (body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const request = new Request(`http://localhost${call.path}`, { method: call.method ?? "GET", headers, body });
  const response = await (handler as RouteHandler)(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
