import { randomUUID } from "node:crypto";
import { and, count, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { failure, success, type Result } from "@/lib/result";
import type { AddWebhookEndpointInput } from "@/lib/validation/webhook-endpoint";
import { checkEndpointUrl, type EndpointPolicy } from "./endpoint-address";
import { encryptSigningSecret, generateSigningSecret } from "./signing-secret";

/** Enough for any real setup; bounds what one organization can make the workers do. */
export const MAX_ENDPOINTS_PER_ORGANIZATION = 20;
export const RECENT_DELIVERIES = 50;

type Actor = { organizationId: string; actorEmail: string; now: Date };

/**
 * Adds an endpoint and returns its signing secret, the only time it is ever shown: only its
 * encryption is stored (lib/webhooks/signing-secret.ts).
 */
export async function addWebhookEndpoint(
  db: Database,
  input: Actor & { endpoint: AddWebhookEndpointInput; policy: EndpointPolicy; authSecret: string },
): Promise<Result<{ endpointId: string; secret: string }>> {
  const checked = checkEndpointUrl(input.endpoint.url, input.policy);
  if (!checked.ok) return failure("Some fields need your attention.", { url: [checked.message] });
  const id = randomUUID();
  const secret = generateSigningSecret();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ total: count() })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.organizationId, input.organizationId));
    if ((existing?.total ?? 0) >= MAX_ENDPOINTS_PER_ORGANIZATION) {
      return failure(`An organization can have at most ${MAX_ENDPOINTS_PER_ORGANIZATION} webhook endpoints. Remove one first.`);
    }
    await tx.insert(webhookEndpoints).values({
      id,
      organizationId: input.organizationId,
      url: checked.url.href,
      events: input.endpoint.events,
      secretCiphertext: encryptSigningSecret(secret, id, input.authSecret),
      createdAt: input.now,
    });
    await recordAuditEvents(tx, [
      {
        organizationId: input.organizationId,
        actorEmail: input.actorEmail,
        action: "webhook_endpoint.added",
        details: { url: checked.url.href, events: input.endpoint.events },
        createdAt: input.now,
      },
    ]);
    return success({ endpointId: id, secret });
  });
}

/** Removes the endpoint with its deliveries; null when the organization has no such endpoint. */
export async function removeWebhookEndpoint(db: Database, input: Actor & { endpointId: string }): Promise<{ url: string } | null> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, input.endpointId), eq(webhookEndpoints.organizationId, input.organizationId)))
      .returning({ url: webhookEndpoints.url });
    if (!removed) return null;
    await recordAuditEvents(tx, [
      { organizationId: input.organizationId, actorEmail: input.actorEmail, action: "webhook_endpoint.removed", details: { url: removed.url }, createdAt: input.now },
    ]);
    return removed;
  });
}

/**
 * Re-enables a disabled endpoint: its waiting deliveries are due at once, and it gets events again.
 * Null when the organization has no such endpoint; an enabled one is left as it is.
 */
export async function enableWebhookEndpoint(db: Database, input: Actor & { endpointId: string }): Promise<{ url: string } | null> {
  return db.transaction(async (tx) => {
    const [endpoint] = await tx
      .select({ url: webhookEndpoints.url, disabledAt: webhookEndpoints.disabledAt })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, input.endpointId), eq(webhookEndpoints.organizationId, input.organizationId)))
      .for("update");
    if (!endpoint) return null;
    if (!endpoint.disabledAt) return endpoint;
    await tx
      .update(webhookEndpoints)
      .set({ disabledAt: null, disabledReason: null, failingSince: null })
      .where(eq(webhookEndpoints.id, input.endpointId));
    await tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: input.now })
      .where(and(eq(webhookDeliveries.endpointId, input.endpointId), eq(webhookDeliveries.status, "pending")));
    await recordAuditEvents(tx, [
      { organizationId: input.organizationId, actorEmail: input.actorEmail, action: "webhook_endpoint.enabled", details: { url: endpoint.url }, createdAt: input.now },
    ]);
    return endpoint;
  });
}

/**
 * Queues a delivery again, whatever became of it: due now, under no lease (a worker still sending it
 * will find its outcome superseded), its attempts counted afresh so that retries start again at 5 s.
 * Null when it is not a delivery of the organization's endpoints.
 */
export async function resendWebhookDelivery(db: Database, input: Actor & { deliveryId: string }): Promise<{ endpointId: string } | null> {
  return db.transaction(async (tx) => {
    const ours = tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookEndpoints.organizationId, input.organizationId)));
    const [queued] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: input.now, claimedUntil: null, succeededAt: null })
      .where(inArray(webhookDeliveries.id, ours))
      .returning({ endpointId: webhookDeliveries.endpointId, messageId: webhookDeliveries.messageId });
    if (!queued) return null;
    await recordAuditEvents(tx, [
      {
        organizationId: input.organizationId,
        actorEmail: input.actorEmail,
        action: "webhook_delivery.resent",
        details: { deliveryId: input.deliveryId, messageId: queued.messageId },
        createdAt: input.now,
      },
    ]);
    return { endpointId: queued.endpointId };
  });
}

export async function listWebhookEndpoints(db: Database, organizationId: string) {
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      createdAt: webhookEndpoints.createdAt,
      failingSince: webhookEndpoints.failingSince,
      disabledAt: webhookEndpoints.disabledAt,
      disabledReason: webhookEndpoints.disabledReason,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organizationId, organizationId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}
export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

/** The organization's disabled endpoints, for the console's notice on every page. */
export async function listDisabledWebhookEndpoints(db: Database, organizationId: string) {
  return db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, disabledAt: webhookEndpoints.disabledAt, disabledReason: webhookEndpoints.disabledReason })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, organizationId), isNotNull(webhookEndpoints.disabledAt)))
    .orderBy(desc(webhookEndpoints.disabledAt));
}

export async function findWebhookEndpoint(db: Database, organizationId: string, endpointId: string) {
  const [endpoint] = (await listWebhookEndpoints(db, organizationId)).filter((row) => row.id === endpointId);
  return endpoint ?? null;
}

/** The endpoint's newest deliveries, with their event. */
export async function listRecentDeliveries(db: Database, endpointId: string, limit = RECENT_DELIVERIES) {
  return db
    .select({
      id: webhookDeliveries.id,
      messageId: webhookDeliveries.messageId,
      type: webhookMessages.type,
      createdAt: webhookDeliveries.createdAt,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}
