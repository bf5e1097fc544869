import { describe, expect, it } from "vitest";
import { parseSignInLink, signInConfirmUrl } from "./sign-in-link";

const ORIGIN = "https://roster.example.com";
const TOKEN = "0123456789abcdef".repeat(4);
const valid = { token: TOKEN, email: "admin@example.com", callbackUrl: `${ORIGIN}/users` };

describe("signInConfirmUrl", () => {
  it("keeps Auth.js's origin and query, on the confirm page instead of the callback", () => {
    const callback = `${ORIGIN}/api/auth/callback/email?callbackUrl=${encodeURIComponent(`${ORIGIN}/users`)}&token=${TOKEN}&email=admin%40example.com`;
    const confirm = new URL(signInConfirmUrl(callback));
    expect(confirm.origin).toBe(ORIGIN);
    expect(confirm.pathname).toBe("/sign-in/confirm");
    expect(Object.fromEntries(confirm.searchParams)).toEqual(valid);
  });
});

describe("parseSignInLink", () => {
  it("accepts what Auth.js wrote: a 64-hex token, an address, a callback URL on our origin or a path", () => {
    expect(parseSignInLink(valid, ORIGIN)).toEqual(valid);
    expect(parseSignInLink({ ...valid, callbackUrl: "/users?page=2" }, ORIGIN)).toEqual({ ...valid, callbackUrl: "/users?page=2" });
  });

  it("normalises the address as Auth.js does (trimmed, lower-case)", () => {
    expect(parseSignInLink({ ...valid, email: " Admin@Example.COM " }, ORIGIN)?.email).toBe("admin@example.com");
  });

  it.each([
    ["no query at all", {}],
    ["a missing token", { ...valid, token: undefined }],
    ["a short token", { ...valid, token: TOKEN.slice(1) }],
    ["a token that is not hex", { ...valid, token: "z".repeat(64) }],
    ["an upper-case token", { ...valid, token: TOKEN.toUpperCase() }],
    ["a repeated token", { ...valid, token: [TOKEN, TOKEN] }],
    ["a missing address", { ...valid, email: undefined }],
    ["an address that is not one", { ...valid, email: "admin" }],
    ["a very long address", { ...valid, email: `${"a".repeat(5000)}@example.com` }],
    ["a callback URL on another origin", { ...valid, callbackUrl: "https://evil.example/users" }],
    ["a protocol-relative callback URL", { ...valid, callbackUrl: "//evil.example/users" }],
    ["a backslash callback URL", { ...valid, callbackUrl: "/\\evil.example" }],
    ["a javascript: callback URL", { ...valid, callbackUrl: "javascript:alert(1)" }],
    ["a missing callback URL", { ...valid, callbackUrl: undefined }],
  ])("refuses %s", (_case, query) => {
    expect(parseSignInLink(query, ORIGIN)).toBeNull();
  });
});
