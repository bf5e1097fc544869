import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { mailProviderState } from "@/db/schema";
import type { MailTransport } from "./mail-transport";

/**
 * The provider's second, and 5 % more: calls reach it some tens of ms after they leave (a busy event
 * loop, the network), and each 429 costs every instance a whole retry-after second.
 */
const WINDOW_MS = 1050;

/**
 * Reserves the next request slot of the provider, shared by every instance through PostgreSQL:
 * requests are spaced 1/rate seconds apart, and nobody calls before a 429's retry-after has passed.
 * Returns how long to wait, from when it returns, before calling (0: call now). The clock is read again
 * after the round trip, so that a slow database does not make some calls late and crowd the next ones.
 */
export async function reserveProviderSlot(db: Database, transport: MailTransport, clock: () => Date): Promise<number> {
  if (!transport.requestsPerSecond) return 0;
  const now = clock();
  const spacingMs = Math.ceil(WINDOW_MS / transport.requestsPerSecond);
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
  return Math.max(0, start - clock().getTime());
}

/**
 * Right before a call, once its slot has come: lets it through at a moment when fewer than `rate`
 * calls were let through in the second before (by the moments actually taken, one row shared by every
 * instance). Slots alone are not enough: a worker that wakes late for its slot, followed by one on
 * time, puts two calls closer than the spacing. Returns how long to wait still (usually 0).
 */
export async function takeProviderCall(db: Database, transport: MailTransport, clock: () => Date): Promise<number> {
  const rate = transport.requestsPerSecond;
  if (!rate) return 0;
  const recent = mailProviderState.recentCallsAt;
  // Calls go in the order they are taken; one goes no earlier than a second (and the allowance) after
  // the call `rate` places before it; only the latest `rate` moments are kept.
  const takenAt = sql`greatest(
    ${clock().toISOString()}::timestamptz,
    ${recent}[cardinality(${recent})],
    ${recent}[cardinality(${recent}) + 1 - ${rate}::int] + ${`${WINDOW_MS} milliseconds`}::interval)`;
  const [taken] = await db
    .update(mailProviderState)
    .set({ recentCallsAt: sql`(${recent} || ${takenAt})[greatest(1, cardinality(${recent}) + 2 - ${rate}::int):]` })
    .where(eq(mailProviderState.provider, transport.name))
    .returning({ ms: sql<number>`(extract(epoch from ${recent}[cardinality(${recent})]) * 1000)::float8` });
  return taken ? Math.max(0, Number(taken.ms) - clock().getTime()) : 0;
}

/** After a 429: no instance calls the provider before `until`. */
export async function pauseProvider(db: Database, transport: MailTransport, until: Date): Promise<void> {
  await db.update(mailProviderState).set({ pausedUntil: until }).where(eq(mailProviderState.provider, transport.name));
}
