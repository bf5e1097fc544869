import { headers } from "next/headers";
import { rateLimitSettings } from "@/lib/config";
import { clientIp } from "./client-ip";

/** The client's address from a request's headers, behind the configured proxies (see clientIp). */
export function configuredClientIp(requestHeaders: Headers): string {
  return clientIp(requestHeaders, rateLimitSettings().TRUST_PROXY);
}

/** The calling client's address inside a page, server action or route handler. */
export async function requestClientIp(): Promise<string> {
  return configuredClientIp(await headers());
}
