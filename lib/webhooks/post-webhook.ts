import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "./endpoint-address";

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** What is kept of a receiver's answer: its status, never more than this much body read. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** A lookup that answers every name with the one address already checked: no second DNS answer. */
function lookupPinned(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (typeof options === "object" && options.all) {
      (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
}

/**
 * One POST of a signed payload to the address checked for the endpoint's host. The URL's host still
 * goes out as Host and as the TLS server name. Redirects are not followed (a 3xx is a failure), and
 * the whole exchange is abandoned after the time-out.
 */
export function postWebhook(
  url: URL,
  pinned: ResolvedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const client = url.protocol === "https:" ? https : http;
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Roster-Webhooks/1" },
        lookup: lookupPinned(pinned),
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () =>
          finish(
            status >= 200 && status < 300
              ? { ok: true, status }
              : { ok: false, status, error: status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}` },
          );
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, error: `No answer within ${timeoutMs / 1000} s` });
      request.destroy();
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      const reason = error.code === "ECONNREFUSED" ? "Connection refused" : error.code ? `${error.code}: ${error.message}` : error.message;
      finish({ ok: false, status: null, error: reason.slice(0, 500) });
    });
    request.end(body);
  });
}
