import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, isMultipartReply, isSinglePartReply, refuseUndecodableAction, refuseUndecodablePath } from "./malformed-request";

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

describe("isSinglePartReply", () => {
  it("accepts what React's encodeReply sends in one part: the arguments as a JSON array", () => {
    for (const body of ["[]", "[null]", '[{"rows":[{"firstName":"Ada"}]}]', '["$$Q1"]', '["$D2024-01-01T00:00:00.000Z","$n123","$T","$undefined","$NaN","$-0","$Infinity"]', '[{"a":{}},"$0:0:a"]']) {
      expect(isSinglePartReply(body), body).toBe(true);
    }
  });

  it("refuses bodies that are not JSON, not an array, or name a row a single part cannot hold", () => {
    for (const body of ["", "not json", "[", "\u0000", '{"rows":[]}', "null", '["$Q99"]', '["$W1"]', '["$@5"]', '["$K1"]', '[{"x":["$1"]}]', '["$h2:a"]']) {
      expect(isSinglePartReply(body), body).toBe(false);
    }
  });
});

describe("isMultipartReply", () => {
  const form = (parts: Record<string, string | Blob>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(parts)) data.append(name, value);
    return data;
  };

  it("accepts what React sends in parts: a form's fields, outlined rows, Maps and files that are there", () => {
    expect(isMultipartReply(form({ "0": '[{"email":""},"$K1"]', _1_email: "ada@example.com" }))).toBe(true);
    expect(isMultipartReply(form({ "0": '[null,"$K1"]' }))).toBe(true); // an empty form
    expect(isMultipartReply(form({ "0": '["$1"]', "1": '{"list":"$Q2"}', "2": '[["a",1]]' }))).toBe(true);
    expect(isMultipartReply(form({ "0": '["$Ba"]', "10": new Blob(["bytes"]) }))).toBe(true);
  });

  it("refuses a missing or unreadable root, and rows that are named but not there or not JSON", () => {
    for (const parts of [{}, { "0": "not json" }, { "0": '{"a":1}' }, { "0": '["$Q5"]' }, { "0": '["$1"]', "1": "not json" }, { "0": '["$1"]', "1": '["$@2"]' }, { "0": '["$1"]', "1": new Blob(["{}"]) }]) {
      expect(isMultipartReply(form(parts as Record<string, string | Blob>)), JSON.stringify(Object.keys(parts))).toBe(false);
    }
  });
});

describe("refuseUndecodableAction", () => {
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
  const overLimit = JSON.stringify([{ rows: [{ firstName: "x".repeat(ACTION_BODY_LIMIT_BYTES) }] }]);

  it("refuses a single-part action body that is not a reply with a 400, and leaves the body for the action", async () => {
    const request = actionCall('["$Q99"]');
    expect(await refuseUndecodableAction(request, "/users/invite")).toMatchObject({ status: 400 });
    expect(await request.text()).toBe('["$Q99"]');
    expect(await refuseUndecodableAction(actionCall("not json", { "Content-Type": "application/json" }), "/users/invite")).toMatchObject({ status: 400 });
  });

  it("lets a reply through", async () => {
    const request = actionCall('[{"rows":[]}]');
    expect(await refuseUndecodableAction(request, "/users/invite")).toBeNull();
    expect(await request.text()).toBe('[{"rows":[]}]');
  });

  it("refuses a body over the action limit with a 413, by its Content-Length or by counting", async () => {
    expect(await refuseUndecodableAction(actionCall("[]", { "Content-Length": String(ACTION_BODY_LIMIT_BYTES + 1) }), "/users/invite")).toMatchObject({ status: 413 });
    const chunked = new Request("http://localhost/users/invite", { method: "POST", headers: { "Next-Action": "7f00", "Content-Type": "text/plain" }, body: streamed(overLimit), duplex: "half" } as RequestInit);
    expect(await refuseUndecodableAction(chunked, "/users/invite")).toMatchObject({ status: 413 });
    const form = new Request("http://localhost/sign-in", { method: "POST", body: streamed(overLimit), headers: { "Content-Type": "multipart/form-data; boundary=x" }, duplex: "half" } as RequestInit);
    expect(await refuseUndecodableAction(form, "/sign-in")).toMatchObject({ status: 413 });
  });

  it("refuses a multipart body that does not parse, or a multipart action call that is no reply, with a 400", async () => {
    const garbage = { "Content-Type": "multipart/form-data; boundary=XX" };
    expect(await refuseUndecodableAction(new Request("http://localhost/sign-in", { method: "POST", headers: garbage, body: "garbage" }), "/sign-in")).toMatchObject({ status: 400 });
    expect(await refuseUndecodableAction(actionCall("garbage", garbage), "/sign-in")).toMatchObject({ status: 400 });
    const dangling = new FormData();
    dangling.append("0", '["$Q5"]');
    const request = new Request("http://localhost/join/x", { method: "POST", headers: { "Next-Action": "7f00" }, body: dangling });
    expect(await refuseUndecodableAction(request, "/join/x")).toMatchObject({ status: 400 });
    expect((await request.formData()).get("0")).toBe('["$Q5"]'); // the body is still whole
  });

  it("leaves a multipart action within the limit to Next, and requests that are no action alone", async () => {
    const multipart = new FormData();
    multipart.append("0", '["$K1"]');
    multipart.append("_1_email", "ada@example.com");
    expect(await refuseUndecodableAction(new Request("http://localhost/sign-in", { method: "POST", headers: { "Next-Action": "7f00" }, body: multipart }), "/sign-in")).toBeNull();
    expect(await refuseUndecodableAction(new Request("http://localhost/users", { method: "GET" }), "/users")).toBeNull();
    expect(await refuseUndecodableAction(new Request("http://localhost/api/webhooks/resend", { method: "POST", headers: { "Next-Action": "x" }, body: "{}" }), "/api/webhooks/resend")).toBeNull();
    expect(await refuseUndecodableAction(new Request("http://localhost/sign-in", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "not json" }), "/sign-in")).toBeNull();
  });
});
