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
  // An IPv4 client seen on a dual-stack socket is the same client.
  const unmapped = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  // Bound what a forged header can make us store.
  return unmapped.slice(0, 64);
}
