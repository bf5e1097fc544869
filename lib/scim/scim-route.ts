import { keyedRoute, type KeyedHandler, type Refuse } from "@/lib/api/keyed-route";
import { scimError } from "./scim-response";

/**
 * The largest SCIM body read: a User resource with every attribute an identity provider sends
 * (Entra ID's enterprise extension, addresses, phone numbers) is a few kB; a PATCH of many
 * operations as well. Bulk is not supported, so nothing larger is ever needed.
 */
export const SCIM_BODY_LIMIT_BYTES = 64 * 1024;

const refuseWithScimError: Refuse = (status, detail, headers) => scimError(status, detail, undefined, headers);

/**
 * The one door for `/scim/v2` route handlers: the REST API's keyedRoute (the same API keys, per-key
 * rate limit and 500 that shows nothing; lib/api/keyed-route.ts) answering in SCIM error objects,
 * 401 included, with a body limit of its own. The organization is the key's.
 */
export function scimRoute<Params extends Record<string, string> = Record<string, never>>(handler: KeyedHandler<Params>) {
  return keyedRoute<Params>({ refuse: refuseWithScimError, bodyLimit: SCIM_BODY_LIMIT_BYTES }, handler);
}
