import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emails } from "@/db/schema";

export const dynamic = "force-dynamic";

/** A load balancer must get an answer quickly, even while the database does not answer at all. */
const DATABASE_CHECK_TIMEOUT_MS = 2_000;

/**
 * Liveness, database reachability and the email outbox, for load balancers, monitoring and the test
 * runner: 200 when the database answers, 503 when it does not. The outbox is counts only (emails
 * waiting for the provider, and how long the oldest has waited), nothing about whom they are for.
 */
export async function GET() {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database check timed out")), DATABASE_CHECK_TIMEOUT_MS);
  });
  try {
    const [outbox] = await Promise.race([
      getDb()
        .select({
          queued: sql<number>`count(*)::int`,
          oldestQueuedSeconds: sql<number | null>`floor(extract(epoch from now() - min(${emails.createdAt})))::int`,
        })
        .from(emails)
        .where(eq(emails.status, "queued")),
      timeout,
    ]);
    return Response.json(
      { status: "ok", database: "up", queued: outbox?.queued ?? 0, oldestQueuedSeconds: outbox?.oldestQueuedSeconds ?? null },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json({ status: "degraded", database: "down" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  } finally {
    clearTimeout(timer);
  }
}
