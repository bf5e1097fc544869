import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * An invite of at least this many rows is a large import: the Users page's plans are worth refreshing
 * after it (a few hundred new rows already move the planner's estimates of a small organization).
 */
export const LARGE_IMPORT_ROWS = 500;

/**
 * VACUUM (ANALYZE) of the tables an import writes and the Users page reads. ANALYZE gives the planner
 * their new size and values: PGlite has no autovacuum, and after `npm run db:seed -- --users 100000`
 * without it the planner still thinks members is empty and sorts a page by name on disk (880 ms instead
 * of 30). VACUUM marks the pages all-visible, which the Users page's index-only scans need to leave the
 * table unread. It takes up to a second at 100,000 users, so it runs after the import has committed,
 * never inside a transaction (VACUUM refuses one) and off the request that imported (see the invite action).
 */
export async function refreshPlannerStatistics(db: Database): Promise<void> {
  await db.execute(sql`vacuum (analyze) members, invitations, emails`);
}
