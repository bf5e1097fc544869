import ipaddr from "ipaddr.js";
import { headers } from "next/headers";
import { rateLimitSettings } from "@/lib/config";

/** Used when no address can be read: every such request then shares one budget. */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The client's address, as far as the app can know it, for per-IP limits.
 *
 * Next.js gives pages and server actions no socket address: `next start` only fills in
 * X-Forwarded-For with the socket's address when the request carries none (`??=` in its
 * base-server). So:
 * - behind `trustedProxies` proxies that each append the address they saw (TRUST_PROXY=N), the Nth
 *   entry from the right is what the outermost of them saw, which a client cannot choose;
 * - reached directly (TRUST_PROXY=0), the last entry is the socket's address, unless the client sent
 *   the header itself: then it is whatever the client wrote. Per-IP limits are then only a speed
 *   bump for clients that forge the header; the per-address and per-admin limits still hold.
 */
export function clientIp(headers: Headers, trustedProxies: number): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hops.length === 0) return UNKNOWN_CLIENT;
  const entry = hops[Math.max(0, hops.length - Math.max(1, trustedProxies))]!;
  return normaliseAddress(entry);
}

function normaliseAddress(address: string): string {
  const lower = address.toLowerCase();
  // A zone id ("fe80::1%eth0") names the server's interface, not the client.
  const withoutZone = lower.replace(/%.*$/, "");
  if (ipaddr.IPv6.isValid(withoutZone)) return ipv6Client(ipaddr.IPv6.parse(withoutZone));
  // IPv4 as it came; anything else bounded, since a forged header decides what we store.
  return lower.slice(0, 64);
}

/**
 * An IPv6 client is its /64: one subscriber is usually given a whole /64 and can pick any address in
 * it, so counting per address would let them rotate. An IPv4 client seen on a dual-stack socket
 * (::ffff:a.b.c.d) stays that IPv4 address.
 */
function ipv6Client(address: ipaddr.IPv6): string {
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  // toString() writes the compressed form (RFC 5952): one key per /64, however the client wrote it.
  return `${new ipaddr.IPv6([...address.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}

/** The client's address from a request's headers, behind the configured proxies (TRUST_PROXY). */
export function configuredClientIp(requestHeaders: Headers): string {
  return clientIp(requestHeaders, rateLimitSettings().TRUST_PROXY);
}

/** The calling client's address inside a page, server action or route handler. */
export async function requestClientIp(): Promise<string> {
  return configuredClientIp(await headers());
}
