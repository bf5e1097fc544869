import { getDb } from "@/db/client";
import { getCaller } from "@/lib/auth/caller";
import { readSendProgress } from "@/lib/sends/sends";
import { sendIdSchema } from "@/lib/validation/sends";

export const dynamic = "force-dynamic";

const answer = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * A send's progress as JSON, for its progress bar (about once a second while it is sending): how many
 * of its emails are still queued, then its counts once none is (lib/sends/sends.ts readSendProgress). Admins of the send's
 * organization only: 401 without a session, 403 for a non-admin, 404 for anyone else's send.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ sendId: string }> }) {
  const caller = await getCaller();
  if (caller.kind === "anonymous") return answer(401, { message: "Sign in as an admin to follow a send." });
  if (caller.kind !== "admin") return answer(403, { message: "Only admins of an organization can follow its sends." });
  const parsed = sendIdSchema.safeParse(await params);
  if (!parsed.success) return answer(400, { message: parsed.error.issues[0]!.message });
  const progress = await readSendProgress(getDb(), caller.context.organizationId, parsed.data.sendId);
  if (!progress) return answer(404, { message: "There is no such send in this organization." });
  return answer(200, progress);
}
