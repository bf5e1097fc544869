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
