import { afterEach, describe, expect, it, vi } from "vitest";
import { isMailboxEnabled } from "./config";

describe("the development mailbox", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is open in development while mail is captured", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("RESEND_API_KEY", "");
    expect(isMailboxEnabled()).toBe(true);
  });

  it("is closed whenever mail goes through Resend", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("RESEND_API_KEY", "re_key");
    expect(isMailboxEnabled()).toBe(false);
  });

  it("stays closed on a production server that captures mail, unless DEV_MAILBOX=on: it shows sign-in links", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("RESEND_API_KEY", "");
    vi.stubEnv("EMAIL_TRANSPORT", "capture");
    expect(isMailboxEnabled()).toBe(false);
    vi.stubEnv("DEV_MAILBOX", "on");
    expect(isMailboxEnabled()).toBe(true);
  });
});
