import { describe, expect, it } from "vitest";
import { clientIp, UNKNOWN_CLIENT } from "./client-ip";

describe("clientIp", () => {
  const withForwardedFor = (value?: string) => new Headers(value === undefined ? {} : { "x-forwarded-for": value });

  it("takes the address the outermost trusted proxy appended, not what the client wrote before it", () => {
    expect(clientIp(withForwardedFor("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(withForwardedFor("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
  });

  it("without a trusted proxy takes the last entry (the socket address Next.js fills in)", () => {
    expect(clientIp(withForwardedFor("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
  });

  it("falls back to one shared key when there is no address at all", () => {
    expect(clientIp(withForwardedFor(), 1)).toBe(UNKNOWN_CLIENT);
  });
});

describe("clientIp for IPv6 clients", () => {
  const from = (address: string) => clientIp(new Headers({ "x-forwarded-for": address }), 0);

  it("counts every address of one /64 as one client, whatever form it is written in", () => {
    for (const address of ["2001:db8:1:2::1", "2001:DB8:1:2:ffff:ffff:ffff:ffff", "2001:0db8:0001:0002:0:0:0:7", "2001:db8:1:2::c000:201", "2001:db8:1:2::192.0.2.1", "2001:db8:1:2::9%eth0"]) {
      expect(from(address), address).toBe("2001:db8:1:2::/64");
    }
    expect(from("2001:db8::1")).toBe("2001:db8::/64");
    expect(from("::1")).toBe("::/64");
    expect(from("fe80::1%eth0")).toBe("fe80::/64");
  });

  it("keeps neighbouring /64s apart", () => {
    expect(from("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(from("2001:db8:1:2::1")).not.toBe(from("2001:db8:1:3::1"));
  });

  it("keeps an IPv4 client an IPv4 address, mapped into IPv6 or not", () => {
    expect(from("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(from("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(from("203.0.113.7")).toBe("203.0.113.7");
  });

  it("stores no more than 64 characters of what is not an address", () => {
    expect(from("x".repeat(500))).toBe("x".repeat(64));
    expect(from(`2001:db8::1%${"z".repeat(500)}`)).toBe("2001:db8::/64");
  });
});
