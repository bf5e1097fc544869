import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Database } from "@/db/client";
import { webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";
import { webhookBackoffMs } from "./backoff";
import { RefusedAddressError, resolveEndpointAddress, type EndpointPolicy, type ResolvedAddress } from "./endpoint-address";
import { postWebhook, WEBHOOK_TIMEOUT_MS, type PostOutcome } from "./post-webhook";
import { decryptSigningSecret } from "./signing-secret";

/** A worker's hold on a delivery while it sends; longer than the time-out, so a live worker keeps it. */
export const WEBHOOK_LEASE_MS = 60_000;
/** An endpoint whose every delivery has failed for this long is disabled and the admins are told. */
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60_000;

export type WebhookWorkerOptions = {
  policy: EndpointPolicy;
  authSecret: string;
  /** The clock of claims, leases and retries (tests move it). */
  now?: () => Date;
  /** The time put in `webhook-timestamp`; receivers compare it with their own clock. */
  signedAt?: () => Date;
  random?: () => number;
  leaseMs?: number;
  timeoutMs?: number;
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
};

export type WebhookRound =
  | { state: "idle" }
  | { state: "succeeded"; deliveryId: string }
  | { state: "failed"; deliveryId: string; error: string; endpointDisabled: boolean }
  /** Another worker took the delivery over (our lease ran out, or it was resent): our outcome is not recorded. */
  | { state: "superseded"; deliveryId: string };

const after = (date: Date, ms: number) => new Date(date.getTime() + ms);

/**
 * Claims one delivery that is due (pending, its retry time come, no live lease, its endpoint
 * enabled): FOR UPDATE SKIP LOCKED, so any number of workers in any number of instances each take a
 * different one, and a lease, so a delivery whose worker died is taken over when the lease runs out.
 * The attempt is counted when claimed.
 */
export async function claimDueDelivery(db: Database, now: Date, leaseMs = WEBHOOK_LEASE_MS) {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, now),
        or(isNull(webhookDeliveries.claimedUntil), lte(webhookDeliveries.claimedUntil, now)),
        isNull(webhookEndpoints.disabledAt),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(1)
    .for("update", { of: webhookDeliveries, skipLocked: true });
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ claimedUntil: after(now, leaseMs), attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now })
    .where(inArray(webhookDeliveries.id, due))
    .returning({
      id: webhookDeliveries.id,
      messageId: webhookDeliveries.messageId,
      endpointId: webhookDeliveries.endpointId,
      attempts: webhookDeliveries.attempts,
      claimedUntil: webhookDeliveries.claimedUntil,
    });
  return claimed ?? null;
}

/**
 * One step of webhook delivery: claim a due delivery, sign its message per Standard Webhooks, POST
 * it to the endpoint (at the address just checked), and record the outcome under the lease. A 2xx
 * succeeds; anything else is retried with backoff, for as long as it takes, and an endpoint whose
 * every delivery has failed for 3 days is disabled (its deliveries wait, pending, until re-enabled).
 */
export async function deliverNextWebhook(db: Database, options: WebhookWorkerOptions): Promise<WebhookRound> {
  const now = options.now ?? (() => new Date());
  const claimed = await claimDueDelivery(db, now(), options.leaseMs);
  if (!claimed) return { state: "idle" };

  const [target] = await db
    .select({
      url: webhookEndpoints.url,
      secretCiphertext: webhookEndpoints.secretCiphertext,
      payload: webhookMessages.payload,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(eq(webhookDeliveries.id, claimed.id));
  if (!target) return { state: "superseded", deliveryId: claimed.id }; // removed meanwhile: nothing to send

  const outcome = await send(claimed, target, options);
  const holdsLease = and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.claimedUntil, claimed.claimedUntil!));

  if (outcome.ok) {
    const recorded = await db.transaction(async (tx) => {
      const rows = await tx
        .update(webhookDeliveries)
        .set({ status: "succeeded", succeededAt: now(), claimedUntil: null, lastStatusCode: outcome.status, lastError: null })
        .where(holdsLease)
        .returning({ id: webhookDeliveries.id });
      if (rows.length === 0) return false;
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: null })
        .where(and(eq(webhookEndpoints.id, claimed.endpointId), isNotNull(webhookEndpoints.failingSince)));
      return true;
    });
    return recorded ? { state: "succeeded", deliveryId: claimed.id } : { state: "superseded", deliveryId: claimed.id };
  }

  const at = now();
  const disableBefore = after(at, -DISABLE_AFTER_MS);
  const result = await db.transaction(async (tx) => {
    const rows = await tx
      .update(webhookDeliveries)
      .set({
        claimedUntil: null,
        nextAttemptAt: after(at, webhookBackoffMs(claimed.attempts, options.random)),
        lastStatusCode: outcome.status,
        lastError: outcome.error,
      })
      .where(holdsLease)
      .returning({ id: webhookDeliveries.id });
    if (rows.length === 0) return null;
    // failing_since is read before this statement's own change: an endpoint failing since more than
    // 3 days ago, with no success since (a success clears it), is disabled now.
    const tooLong = sql`(${webhookEndpoints.disabledAt} is null and ${webhookEndpoints.failingSince} <= ${disableBefore.toISOString()}::timestamptz)`;
    const reason = `Every delivery failed for 3 days (last: ${outcome.error}).`;
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({
        failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${at.toISOString()}::timestamptz)`,
        disabledAt: sql`case when ${tooLong} then ${at.toISOString()}::timestamptz else ${webhookEndpoints.disabledAt} end`,
        disabledReason: sql`case when ${tooLong} then ${reason} else ${webhookEndpoints.disabledReason} end`,
      })
      .where(eq(webhookEndpoints.id, claimed.endpointId))
      .returning({ disabledAt: webhookEndpoints.disabledAt });
    return { endpointDisabled: endpoint?.disabledAt?.getTime() === at.getTime() };
  });
  if (!result) return { state: "superseded", deliveryId: claimed.id };
  return { state: "failed", deliveryId: claimed.id, error: outcome.error, endpointDisabled: result.endpointDisabled };
}

async function send(
  claimed: { messageId: string; endpointId: string },
  target: { url: string; secretCiphertext: string; payload: Record<string, unknown> },
  options: WebhookWorkerOptions,
): Promise<PostOutcome> {
  let secret: string;
  try {
    secret = decryptSigningSecret(target.secretCiphertext, claimed.endpointId, options.authSecret);
  } catch {
    return { ok: false, status: null, error: "The signing secret cannot be read (was AUTH_SECRET changed?): remove the endpoint and add it again." };
  }
  let url: URL;
  let address: ResolvedAddress;
  try {
    url = new URL(target.url);
    if (options.policy.requireHttps && url.protocol !== "https:") throw new RefusedAddressError("The URL is not https: refused");
    address = await resolveEndpointAddress(url.hostname, options.policy, options.resolve);
  } catch (error) {
    const message = error instanceof RefusedAddressError ? error.message : `The host could not be resolved (${(error as NodeJS.ErrnoException).code ?? "error"})`;
    return { ok: false, status: null, error: message };
  }
  const body = JSON.stringify(target.payload);
  const signedAt = (options.signedAt ?? (() => new Date()))();
  const headers = {
    "webhook-id": claimed.messageId,
    "webhook-timestamp": String(Math.floor(signedAt.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(claimed.messageId, signedAt, body),
  };
  return postWebhook(url, address, headers, body, options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
}
