import { webhookEventTypes } from "@/db/schema";
import { z } from "@/lib/validation/zod";
import { isSingleLineText } from "./plain-text";

export const MAX_ENDPOINT_URL_LENGTH = 2_000;

/** http(s), parsable, without a user name or password. Production's https-and-public rules are the server's (lib/webhooks/endpoint-address.ts). */
function isPlainWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && url.hostname !== "";
  } catch {
    return false;
  }
}

export const addWebhookEndpointSchema = z.object({
  url: z
    .string({ error: "Enter the endpoint URL." })
    .trim()
    .min(1, "Enter the endpoint URL.")
    .max(MAX_ENDPOINT_URL_LENGTH, `An endpoint URL has at most ${MAX_ENDPOINT_URL_LENGTH} characters.`)
    .refine(isSingleLineText, "An endpoint URL cannot contain control or invisible formatting characters.")
    .refine(isPlainWebUrl, "Enter a full http(s) URL without a user name or password, such as https://example.com/webhooks."),
  events: z
    .array(z.enum(webhookEventTypes, { error: "Choose events from the list." }), { error: "Choose at least one event." })
    .min(1, "Choose at least one event.")
    .max(webhookEventTypes.length * 2, "Choose events from the list.")
    .transform((events) => webhookEventTypes.filter((type) => events.includes(type))),
});
export type AddWebhookEndpointInput = z.output<typeof addWebhookEndpointSchema>;

export const webhookEndpointIdSchema = z.object({ endpointId: z.uuid("Unknown webhook endpoint.") });
export const webhookDeliveryIdSchema = z.object({ deliveryId: z.uuid("Unknown webhook delivery.") });
