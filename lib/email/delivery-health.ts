import { and, asc, eq, isNotNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { mailProviderState } from "@/db/schema";
import type { BatchOutcome, MailTransport } from "./mail-transport";

/** Calls failing for this long, without one success, make delivery "failing" (SPEC: Delivery health). */
export const FAILING_AFTER_MS = 60_000;

/** keyRefused: the provider refused the API key, so the emails wait for it rather than using up their tries. */
export type DeliveryHealth = { failing: false } | { failing: true; providerAnswer: string; since: Date; keyRefused: boolean };

/**
 * Records what the provider answered, in the provider's one row shared by every instance. Failures
 * are calls it may not have handled (5xx, network, time-out) and a refused key; failingSince is kept
 * across consecutive failures. A 429 or a refused address (422) is an answer from a working provider
 * and counts as success, as an accepted batch does: any of them clears the failure. Capture mail
 * has no provider, so it records nothing.
 */
export async function recordProviderAnswer(db: Database, transport: MailTransport, outcome: BatchOutcome, now: Date): Promise<void> {
  if (transport.name === "capture") return;
  const state = mailProviderState;
  if (outcome.ok || outcome.kind === "rate_limited" || outcome.kind === "rejected") {
    await db
      .update(state)
      .set({ failingSince: null, lastFailure: null, keyRefused: false })
      .where(and(eq(state.provider, transport.name), or(isNotNull(state.failingSince), eq(state.keyRefused, true))));
    return;
  }
  const failure = { lastFailure: outcome.error, keyRefused: outcome.kind === "key_refused" };
  await db
    .insert(state)
    .values({ provider: transport.name, failingSince: now, ...failure })
    .onConflictDoUpdate({
      target: state.provider,
      set: { failingSince: sql`coalesce(${state.failingSince}, ${now.toISOString()}::timestamptz)`, ...failure },
    });
}

/**
 * Whether email delivery is failing, for the console's banner: the provider refused the key, or
 * calls have failed for a minute without one success. Not per organization: the key is the deployment's.
 */
export async function readDeliveryHealth(db: Database, now: Date): Promise<DeliveryHealth> {
  const state = mailProviderState;
  const [failing] = await db
    .select({ providerAnswer: state.lastFailure, since: state.failingSince, keyRefused: state.keyRefused })
    .from(state)
    .where(
      and(
        isNotNull(state.lastFailure),
        or(eq(state.keyRefused, true), lte(state.failingSince, new Date(now.getTime() - FAILING_AFTER_MS))),
      ),
    )
    .orderBy(asc(state.failingSince))
    .limit(1);
  if (!failing?.providerAnswer || !failing.since) return { failing: false };
  return { failing: true, providerAnswer: failing.providerAnswer, since: failing.since, keyRefused: failing.keyRefused };
}

/** DeliveryHealth as JSON carries it, for the console's banner and GET /api/delivery-health. */
export type DeliveryHealthJson = { failing: false } | { failing: true; providerAnswer: string; since: string; keyRefused: boolean };

export function deliveryHealthJson(health: DeliveryHealth): DeliveryHealthJson {
  return health.failing ? { ...health, since: health.since.toISOString() } : { failing: false };
}
