import { describe, expect, it } from "vitest";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { inviteUsersSchema, MAX_INVITE_ROWS, MAX_NAME_LENGTH } from "@/lib/validation/invite-users";
import { ACTION_BODY_LIMIT_BYTES, refuseOversizedAction, refuseUndecodablePath } from "./malformed-request";

describe("refuseUndecodablePath", () => {
  it("refuses escapes that are not percent-encoded UTF-8 with a 400", () => {
    for (const segment of ["%", "%zz", "%ff%fe", "%ED%A0%80", "%C0%80", "%E2%82"]) {
      expect(refuseUndecodablePath(`/join/${segment}`), segment).toMatchObject({ status: 400 });
    }
  });

  it("lets through plain paths and escapes of real UTF-8, NUL included", () => {
    for (const pathname of ["/", "/join/u815daa53J8Flps6b3nW3oDBSu88FixAsrJ-Ks8AmC0", "/join/%00", "/join/%E2%82%AC", "/users/%2F"]) {
      expect(refuseUndecodablePath(pathname), pathname).toBeNull();
    }
  });
});

describe("refuseOversizedAction", () => {
  const actionCall = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://localhost/users/invite", { method: "POST", headers: { "Next-Action": "7f00", "Content-Type": "text/plain;charset=UTF-8", ...headers }, body });
  /** A body without Content-Length, as a chunked upload sends it. */
  const streamed = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });
  const streamedRequest = (path: string, text: string, headers: Record<string, string>) =>
    new Request(`http://localhost${path}`, { method: "POST", headers, body: streamed(text), duplex: "half" } as RequestInit);
  const overLimit = "x".repeat(ACTION_BODY_LIMIT_BYTES + 1);

  it("refuses an action body over the limit with a 413, by its Content-Length or by counting", async () => {
    expect(await refuseOversizedAction(actionCall("[]", { "Content-Length": String(ACTION_BODY_LIMIT_BYTES + 1) }), "/users/invite")).toMatchObject({ status: 413 });
    expect(await refuseOversizedAction(streamedRequest("/users/invite", overLimit, { "Next-Action": "7f00" }), "/users/invite")).toMatchObject({ status: 413 });
    // A multipart POST without Next-Action is a form posted without JavaScript: Next handles it as an action too.
    expect(await refuseOversizedAction(streamedRequest("/sign-in", overLimit, { "Content-Type": "multipart/form-data; boundary=x" }), "/sign-in")).toMatchObject({ status: 413 });
  });

  it("lets a body within the limit through whole, whatever it holds", async () => {
    const withinLimit = "y".repeat(ACTION_BODY_LIMIT_BYTES);
    const request = streamedRequest("/users/invite", withinLimit, { "Next-Action": "7f00" });
    expect(await refuseOversizedAction(request, "/users/invite")).toBeNull();
    expect(await request.text()).toBe(withinLimit);
    for (const body of ["", "not json", "[null]"]) expect(await refuseOversizedAction(actionCall(body), "/users/invite"), body).toBeNull();
  });

  it("leaves requests that are no server action alone", async () => {
    expect(await refuseOversizedAction(new Request("http://localhost/users", { method: "GET" }), "/users")).toBeNull();
    expect(await refuseOversizedAction(actionCall("[]", { "Content-Length": String(ACTION_BODY_LIMIT_BYTES + 1) }), "/api/webhooks/resend")).toBeNull();
    const plainPost = new Request("http://localhost/sign-in", { method: "POST", headers: { "Content-Type": "text/plain", "Content-Length": String(ACTION_BODY_LIMIT_BYTES + 1) }, body: "x" });
    expect(await refuseOversizedAction(plainPost, "/sign-in")).toBeNull();
  });
});

describe("the action body limit", () => {
  it("is the limit Next.js is configured with", async () => {
    const nextConfig = ((await import(pathToFileURL(path.resolve("next.config.mjs")).href)) as { default: NextConfig }).default;
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(ACTION_BODY_LIMIT_BYTES);
  });

  it("lets through the largest valid Send invite: every row at its longest, in letters of three UTF-8 bytes", () => {
    const name = "中".repeat(MAX_NAME_LENGTH);
    const addressOf = (index: number) => {
      const domain = `${"d".repeat(60)}.${"o".repeat(60)}.${"m".repeat(60)}.com`;
      const local = `${index}.`.padEnd(254 - domain.length - 1, "x");
      return `${local}@${domain}`;
    };
    const rows = Array.from({ length: MAX_INVITE_ROWS }, (_, index) => ({ firstName: name, lastName: name, email: addressOf(index), role: "member" as const }));
    expect(rows[0]!.email).toHaveLength(254);
    expect(inviteUsersSchema.safeParse({ rows }).success).toBe(true);
    // React encodes an action's plain arguments as JSON (a string that starts with "$" gets one more).
    const body = JSON.stringify([{ rows }]);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(ACTION_BODY_LIMIT_BYTES);
  });
});
