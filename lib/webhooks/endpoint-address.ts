import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Where webhooks may be sent (server-side request forgery). In production an endpoint must be https
 * and every address its host resolves to must be public unicast, checked at each delivery (a name
 * can resolve elsewhere tomorrow) and the connection made to the address checked (lookupPinned), so
 * DNS rebinding cannot swap it. WEBHOOK_ALLOW_PRIVATE=1 allows http and any address (development, tests).
 */
export type EndpointPolicy = { requireHttps: boolean; requirePublicAddress: boolean };

export function endpointPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): EndpointPolicy {
  const strict = env.NODE_ENV === "production" && env.WEBHOOK_ALLOW_PRIVATE !== "1";
  return { requireHttps: strict, requirePublicAddress: strict };
}

const ipv4Compatible = ipaddr.IPv6.parse("::");

/**
 * True only for a public unicast address: not private, loopback, link-local, unique-local, CGNAT,
 * multicast, broadcast, unspecified, reserved or documentation ranges, nor an IPv6 form that wraps an
 * IPv4 address (mapped, compatible, NAT64, 6to4, Teredo), whatever that address is.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!isIP(bare)) return false;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).match(ipv4Compatible, 96)) return false;
  return parsed.range() === "unicast";
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/** The checks made when an endpoint is saved (no DNS: the address is checked when delivering). */
export function checkEndpointUrl(raw: string, policy: EndpointPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: "Enter a full URL, such as https://example.com/webhooks." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "The URL must start with https://." };
  if (policy.requireHttps && url.protocol !== "https:") return { ok: false, message: "The URL must start with https://." };
  if (url.username || url.password) return { ok: false, message: "The URL must not contain a user name or password." };
  if (!url.hostname) return { ok: false, message: "The URL needs a host name." };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (policy.requirePublicAddress && (isIP(host) ? !isPublicAddress(host) : host === "localhost" || host.endsWith(".localhost"))) {
    return { ok: false, message: "The URL must point at a public address, not a private or local one." };
  }
  return { ok: true, url };
}

export class RefusedAddressError extends Error {}

export type ResolvedAddress = { address: string; family: 4 | 6 };

/** The address to connect to: the host's first, after checking every one it resolves to. */
export async function resolveEndpointAddress(
  hostname: string,
  policy: EndpointPolicy,
  resolve: (host: string) => Promise<ResolvedAddress[]> = resolveAll,
): Promise<ResolvedAddress> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const family = isIP(host);
  const addresses = family ? [{ address: host, family: family as 4 | 6 }] : await resolve(host);
  if (addresses.length === 0) throw new RefusedAddressError(`${host} resolves to no address`);
  if (policy.requirePublicAddress) {
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) throw new RefusedAddressError(`${host} resolves to ${refused.address}, which is not a public address: refused`);
  }
  return addresses[0]!;
}

async function resolveAll(host: string): Promise<ResolvedAddress[]> {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
}
