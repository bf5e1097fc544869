import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { getCaller } from "@/lib/auth/caller";
import { usersCsvStream, usersViewInBatches } from "@/lib/users/export-users";
import { parseUsersSearchParams } from "@/lib/users/users-search-params";

export const dynamic = "force-dynamic";

const sentence = (status: number, text: string) =>
  new Response(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * Export CSV: the Users table's current view (its search, status filter and sort; every matching row,
 * not one page) as a CSV file, streamed (lib/users/export-users.ts). Admins only, as the page is:
 * 401 without a session, 403 for a signed-in non-admin, and the organization is the session's.
 * The query is read by the page's own parsers: a value they do not accept falls back to the page's
 * default, as it does on the page, so the file is always the view the admin was looking at.
 */
export async function GET(request: NextRequest) {
  const caller = await getCaller();
  if (caller.kind === "anonymous") return sentence(401, "Sign in as an admin to export users.");
  if (caller.kind !== "admin") return sentence(403, "Only admins of an organization can export its users.");
  const { q, status, send, sort, dir } = parseUsersSearchParams(request.nextUrl.searchParams);
  const startedAt = new Date();
  let body: ReadableStream<Uint8Array>;
  try {
    body = await usersCsvStream(usersViewInBatches(getDb(), caller.context.organizationId, { q, status, send, sort, dir }, startedAt));
  } catch (error) {
    console.error("Users export failed", error instanceof Error ? error.message : error);
    return sentence(503, "The users could not be read just now. Try again in a moment.");
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="users-${startedAt.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
