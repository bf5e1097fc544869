import { isIP, isIPv4 } from "node:net";

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
  if (isIP(withoutZone) === 6) return ipv6Client(withoutZone);
  // IPv4 as it came; anything else bounded, since a forged header decides what we store.
  return lower.slice(0, 64);
}

/**
 * An IPv6 client is its /64: one subscriber is usually given a whole /64 and can pick any address in
 * it, so counting per address would let them rotate. An IPv4 client seen on a dual-stack socket
 * (::ffff:a.b.c.d) stays that IPv4 address.
 */
function ipv6Client(address: string): string {
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  const prefix = [...groups.slice(0, 4), 0, 0, 0, 0].map((group) => group.toString(16)).join(":");
  // WHATWG URL writes an IPv6 address in its compressed canonical form (RFC 5952): one key per /64.
  return `${new URL(`http://[${prefix}]`).hostname.slice(1, -1)}/64`;
}

/** The eight 16-bit groups of an address isIP has already accepted as IPv6 (no zone id). */
function ipv6Groups(address: string): number[] {
  // A dotted IPv4 tail ("64:ff9b::192.0.2.1") is the last two groups.
  const tail = address.slice(address.lastIndexOf(":") + 1);
  let hex = address;
  if (isIPv4(tail)) {
    const [a, b, c, d] = tail.split(".").map(Number) as [number, number, number, number];
    hex = `${address.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = hex.split("::");
  const parts = (text: string) => (text ? text.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const before = parts(head);
  const after = rest === undefined ? [] : parts(rest);
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}
