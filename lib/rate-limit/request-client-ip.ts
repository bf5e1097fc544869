import { headers } from "next/headers";
import { rateLimitSettings } from "@/lib/config";
import { clientIp } from "./client-ip";

/** The calling client's address inside a page, server action or route handler (see clientIp). */
export async function requestClientIp(): Promise<string> {
  return clientIp(await headers(), rateLimitSettings().TRUST_PROXY);
}
