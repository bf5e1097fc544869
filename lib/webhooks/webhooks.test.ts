import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { WEBHOOK_RETRY_STEPS_MS, webhookBackoffMs } from "./backoff";
import { checkEndpointUrl, endpointPolicyFromEnv, isPublicAddress, resolveEndpointAddress } from "./endpoint-address";
import { decryptSigningSecret, encryptSigningSecret, generateSigningSecret } from "./signing-secret";

describe("address classification", () => {
  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
  ])("%s is public", (address) => expect(isPublicAddress(address)).toBe(true));

  it.each([
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["100.64.0.1", "CGNAT"],
    ["100.127.255.255", "CGNAT"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this network"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["240.0.0.1", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local with a zone"],
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
    ["::ffff:7f00:1", "IPv4-mapped loopback, hex"],
    ["::ffff:8.8.8.8", "IPv4-mapped, even of a public address"],
    ["::127.0.0.1", "IPv4-compatible"],
    ["::7f00:1", "IPv4-compatible, hex"],
    ["64:ff9b::a00:1", "NAT64"],
    ["2002:a00:1::1", "6to4"],
    ["2001:0:4136:e378::1", "Teredo"],
    ["2001:db8::1", "documentation"],
    ["[::1]", "bracketed loopback"],
    ["localhost", "a name, not an address"],
    ["", "empty"],
    ["1.2.3", "not an address"],
  ])("%s is refused (%s)", (address) => expect(isPublicAddress(address)).toBe(false));
});

describe("endpoint URLs", () => {
  const production = endpointPolicyFromEnv({ NODE_ENV: "production" });
  const allowed = endpointPolicyFromEnv({ NODE_ENV: "production", WEBHOOK_ALLOW_PRIVATE: "1" });
  const development = endpointPolicyFromEnv({ NODE_ENV: "development" });

  it("in production: https only, no credentials, no private or loopback literal", () => {
    expect(checkEndpointUrl("https://hooks.example.com/roster", production)).toMatchObject({ ok: true });
    for (const url of [
      "http://hooks.example.com/roster",
      "https://user:pass@hooks.example.com/",
      "https://127.0.0.1/",
      "https://[::1]/",
      "https://[::ffff:7f00:1]/",
      "https://0x7f.1/", // the URL parser reads it as 127.0.0.1
      "https://2130706433/",
      "https://10.1.2.3:8443/",
      "https://169.254.169.254/latest/meta-data",
      "https://localhost/",
      "https://app.localhost/",
      "ftp://hooks.example.com/",
      "javascript:alert(1)",
      "not a url",
      "",
    ]) {
      expect(checkEndpointUrl(url, production), url).toMatchObject({ ok: false });
    }
  });

  it("WEBHOOK_ALLOW_PRIVATE=1, or development, allows http and local addresses, still no credentials", () => {
    for (const policy of [allowed, development]) {
      expect(checkEndpointUrl("http://127.0.0.1:3630/hooks", policy)).toMatchObject({ ok: true });
      expect(checkEndpointUrl("http://u:p@127.0.0.1/", policy)).toMatchObject({ ok: false });
      expect(checkEndpointUrl("file:///etc/passwd", policy)).toMatchObject({ ok: false });
    }
  });

  it("at delivery, every address of the host must be public, and the first is the one connected to", async () => {
    const resolve = async () => [
      { address: "93.184.216.34", family: 4 as const },
      { address: "2606:4700:4700::1111", family: 6 as const },
    ];
    await expect(resolveEndpointAddress("hooks.example.com", production, resolve)).resolves.toEqual({ address: "93.184.216.34", family: 4 });
    const rebound = async () => [
      { address: "93.184.216.34", family: 4 as const },
      { address: "192.168.0.10", family: 4 as const },
    ];
    await expect(resolveEndpointAddress("hooks.example.com", production, rebound)).rejects.toThrow(/192\.168\.0\.10/);
    await expect(resolveEndpointAddress("[::1]", production, resolve)).rejects.toThrow(/::1/);
    await expect(resolveEndpointAddress("hooks.example.com", allowed, rebound)).resolves.toMatchObject({ address: "93.184.216.34" });
  });
});

describe("retry schedule", () => {
  it("5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then every 3 hours, each within ±20 %", () => {
    const expected = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 10_800_000, 10_800_000];
    expected.forEach((step, index) => {
      const attempt = index + 1;
      expect(webhookBackoffMs(attempt, () => 0.5)).toBe(step);
      expect(webhookBackoffMs(attempt, () => 0)).toBe(Math.round(step * 0.8));
      expect(webhookBackoffMs(attempt, () => 0.999999)).toBeLessThanOrEqual(Math.round(step * 1.2));
    });
    expect(webhookBackoffMs(1_000, () => 0.5)).toBe(WEBHOOK_RETRY_STEPS_MS.at(-1));
  });

  it("reaches 3 days after a few dozen attempts, so an endpoint is disabled, not retried forever unseen", () => {
    let total = 0;
    let attempts = 0;
    while (total < 3 * 24 * 3_600_000) total += webhookBackoffMs(++attempts, () => 0.5);
    expect(attempts).toBeLessThan(40);
  });
});

describe("signing secrets", () => {
  const authSecret = "a-long-random-auth-secret";
  const endpointId = "1f0c3c0e-9a39-4d3f-9c59-1b5e6f0d1a2b";

  it("are whsec_ and 32 random bytes, accepted by standardwebhooks", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
    const webhook = new Webhook(secret);
    const now = new Date();
    const signature = webhook.sign("msg_1", now, "{}");
    expect(webhook.verify("{}", { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": signature })).toEqual({});
  });

  it("round-trip through encryption, which never contains the secret", () => {
    const secret = generateSigningSecret();
    const stored = encryptSigningSecret(secret, endpointId, authSecret);
    expect(stored).not.toContain(secret.slice(6));
    expect(stored).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 20));
    expect(encryptSigningSecret(secret, endpointId, authSecret)).not.toBe(stored); // a fresh IV each time
    expect(decryptSigningSecret(stored, endpointId, authSecret)).toBe(secret);
  });

  it("refuse a changed ciphertext, IV or tag, another endpoint's id, or another AUTH_SECRET", () => {
    const secret = generateSigningSecret();
    const stored = encryptSigningSecret(secret, endpointId, authSecret);
    const [version, iv, tag, ciphertext] = stored.split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    for (const tampered of [
      [version, iv, tag, flip(ciphertext)],
      [version, flip(iv), tag, ciphertext],
      [version, iv, flip(tag), ciphertext],
      ["v2", iv, tag, ciphertext],
      [version, iv, tag],
    ]) {
      expect(() => decryptSigningSecret(tampered.join("."), endpointId, authSecret)).toThrow();
    }
    expect(() => decryptSigningSecret(stored, "2f0c3c0e-9a39-4d3f-9c59-1b5e6f0d1a2b", authSecret)).toThrow();
    expect(() => decryptSigningSecret(stored, endpointId, "another-auth-secret")).toThrow();
  });
});
