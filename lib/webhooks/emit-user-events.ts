import { randomUUID } from "node:crypto";
import { and, arrayContains, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookDeliveries, webhookEndpoints, webhookMessages, type WebhookEventType } from "@/db/schema";
import { insertRows } from "@/lib/bulk-insert";
import { findUserObjectsIncludingRemoved, type UserObject } from "@/lib/users/user-object";

export type UserEventPayload = {
  type: WebhookEventType;
  timestamp: string;
  data: { organizationId: string; user: UserObject };
};

/**
 * Announces a change to users, inside the transaction that makes it: one message per user, with the
 * user as they are now (after the change), and one delivery per enabled endpoint of the organization
 * subscribed to the event. Committed together with the change or not at all, then delivered at least
 * once by the webhook workers. An organization with no such endpoint writes nothing.
 */
export async function emitUserEvents(
  tx: Database,
  input: { organizationId: string; type: WebhookEventType; memberIds: string[]; now: Date },
): Promise<void> {
  if (input.memberIds.length === 0) return;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.organizationId, input.organizationId),
        isNull(webhookEndpoints.disabledAt),
        arrayContains(webhookEndpoints.events, [input.type]),
      ),
    );
  if (endpoints.length === 0) return;

  const users = await findUserObjectsIncludingRemoved(tx, input.organizationId, input.memberIds, input.now);
  const messages = users.map((user) => ({
    id: randomUUID(),
    organizationId: input.organizationId,
    type: input.type,
    payload: {
      type: input.type,
      timestamp: input.now.toISOString(),
      data: { organizationId: input.organizationId, user },
    } satisfies UserEventPayload,
    createdAt: input.now,
  }));
  await insertRows(tx, webhookMessages, messages);
  await insertRows(
    tx,
    webhookDeliveries,
    messages.flatMap((message) =>
      endpoints.map((endpoint) => ({ messageId: message.id, endpointId: endpoint.id, nextAttemptAt: input.now, createdAt: input.now })),
    ),
  );
}
