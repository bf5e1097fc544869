import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, rateLimitSettings } from "@/lib/config";
import { MAX_INVITE_ROWS } from "@/lib/validation/invite-users";

const names = ["RATE_LIMIT_SIGN_IN_PER_EMAIL", "RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR", "TRUST_PROXY"] as const;
const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of names) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("rateLimitSettings", () => {
  it("has defaults where one full CSV (MAX_INVITE_ROWS) fits the hourly invitation limit", () => {
    for (const name of names) delete process.env[name];
    const settings = rateLimitSettings();
    expect(settings.RATE_LIMIT_SIGN_IN_PER_EMAIL).toBe(5);
    expect(settings.RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR).toBeGreaterThanOrEqual(MAX_INVITE_ROWS);
    expect(settings.TRUST_PROXY).toBe(0);
  });

  it("reads the environment, and an empty variable means the default", () => {
    process.env.RATE_LIMIT_SIGN_IN_PER_EMAIL = "12";
    process.env.TRUST_PROXY = "";
    expect(rateLimitSettings()).toMatchObject({ RATE_LIMIT_SIGN_IN_PER_EMAIL: 12, TRUST_PROXY: 0 });
  });

  it("refuses a value that is not a positive whole number, naming the variable", () => {
    process.env.RATE_LIMIT_SIGN_IN_PER_EMAIL = "five";
    expect(() => rateLimitSettings()).toThrow(ConfigurationError);
    expect(() => rateLimitSettings()).toThrow(/^RATE_LIMIT_SIGN_IN_PER_EMAIL is "five"/);
    process.env.RATE_LIMIT_SIGN_IN_PER_EMAIL = "0";
    expect(() => rateLimitSettings()).toThrow(/^RATE_LIMIT_SIGN_IN_PER_EMAIL is "0"/);
  });
});
