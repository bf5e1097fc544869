"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { adminAction } from "@/lib/auth/admin-action";
import { authSecret } from "@/lib/config";
import { success } from "@/lib/result";
import { addWebhookEndpointSchema, webhookDeliveryIdSchema, webhookEndpointIdSchema } from "@/lib/validation/webhook-endpoint";
import { endpointPolicyFromEnv } from "@/lib/webhooks/endpoint-address";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";
import {
  addWebhookEndpoint,
  enableWebhookEndpoint,
  removeWebhookEndpoint,
  resendWebhookDelivery,
} from "@/lib/webhooks/webhook-endpoints";

/** The signing secret is in the answer, once; it is never logged nor stored in clear. */
export const addWebhookEndpointAction = adminAction(addWebhookEndpointSchema, async (endpoint, admin) => {
  const added = await addWebhookEndpoint(getDb(), {
    organizationId: admin.organizationId,
    actorEmail: admin.email,
    endpoint,
    policy: endpointPolicyFromEnv(),
    authSecret: authSecret(),
    now: new Date(),
  });
  if (added.ok) revalidatePath("/settings/webhooks");
  return added;
});

// Endpoint and delivery ids come from the client: one of another organization (or of nothing) is a 404.
export const removeWebhookEndpointAction = adminAction(webhookEndpointIdSchema, async ({ endpointId }, admin) => {
  const removed = await removeWebhookEndpoint(getDb(), { organizationId: admin.organizationId, actorEmail: admin.email, endpointId, now: new Date() });
  if (!removed) notFound();
  revalidatePath("/", "layout"); // the console's notice of a disabled endpoint goes with it
  return success({ url: removed.url });
});

export const enableWebhookEndpointAction = adminAction(webhookEndpointIdSchema, async ({ endpointId }, admin) => {
  const enabled = await enableWebhookEndpoint(getDb(), { organizationId: admin.organizationId, actorEmail: admin.email, endpointId, now: new Date() });
  if (!enabled) notFound();
  wakeWebhookWorkers(); // what waited for it is due now
  revalidatePath("/", "layout");
  return success({ url: enabled.url });
});

export const resendWebhookDeliveryAction = adminAction(webhookDeliveryIdSchema, async ({ deliveryId }, admin) => {
  const queued = await resendWebhookDelivery(getDb(), { organizationId: admin.organizationId, actorEmail: admin.email, deliveryId, now: new Date() });
  if (!queued) notFound();
  wakeWebhookWorkers();
  revalidatePath(`/settings/webhooks/${queued.endpointId}`);
  return success(null);
});
