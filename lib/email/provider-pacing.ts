import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { mailProviderState } from "@/db/schema";
import type { MailTransport } from "./mail-transport";

/**
 * Reserves the next request slot of the provider, shared by every instance through PostgreSQL:
 * requests are spaced 1/rate seconds apart, and nobody calls before a 429's retry-after has passed.
 * Returns how long to wait before calling (0: call now).
 */
export async function reserveProviderSlot(db: Database, transport: MailTransport, now: Date): Promise<number> {
  if (!transport.requestsPerSecond) return 0;
  // 3 % under the limit: requests reach the provider with jitter, and each 429 costs a whole pause.
  const spacingMs = Math.ceil(1030 / transport.requestsPerSecond);
  const [slot] = await db
    .insert(mailProviderState)
    .values({ provider: transport.name, nextRequestAt: new Date(now.getTime() + spacingMs) })
    .onConflictDoUpdate({
      target: mailProviderState.provider,
      set: {
        nextRequestAt: sql`greatest(${mailProviderState.nextRequestAt}, ${mailProviderState.pausedUntil}, ${now.toISOString()}::timestamptz) + ${`${spacingMs} milliseconds`}::interval`,
      },
    })
    .returning({ nextRequestAt: mailProviderState.nextRequestAt });
  // The slot reserved is the one just before the new next_request_at.
  const start = slot!.nextRequestAt.getTime() - spacingMs;
  return Math.max(0, start - now.getTime());
}

/** After a 429: no instance calls the provider before `until`. */
export async function pauseProvider(db: Database, transport: MailTransport, until: Date): Promise<void> {
  await db.update(mailProviderState).set({ pausedUntil: until }).where(eq(mailProviderState.provider, transport.name));
}
