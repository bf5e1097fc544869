import { describe, expect, it } from "vitest";
// @ts-expect-error -- the config is plain JavaScript, without type declarations
import nextConfig from "../next.config.mjs";

describe("next dev's request log", () => {
  const ignored = (url: string) => {
    const logging = (nextConfig as { logging: unknown }).logging as { incomingRequests: { ignore: RegExp[] } };
    return logging.incomingRequests.ignore.some((pattern) => pattern.test(url));
  };

  it("leaves out the URLs that carry a bearer token: join links, sign-in links and their callbacks", () => {
    expect(ignored("/join/u815daa53J8Flps6b3nW3oDBSu88FixAsrJ-Ks8AmC0")).toBe(true);
    expect(ignored("/sign-in/confirm?callbackUrl=%2Fusers&token=161ee6fc&email=admin%40example.com")).toBe(true);
    expect(ignored("/api/auth/callback/email?token=161ee6fc&email=admin%40example.com")).toBe(true);
  });

  it("still logs the rest", () => {
    expect(ignored("/users?page=2")).toBe(false);
    expect(ignored("/sign-in")).toBe(false);
  });
});
