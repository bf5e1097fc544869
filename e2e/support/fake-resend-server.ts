/**
 * A small Resend-compatible HTTP server for tests: the app's real `resend` SDK talks to it through
 * RESEND_BASE_URL. It accepts POST /emails and POST /emails/batch with a Bearer key, honours
 * Idempotency-Key, and records every accepted message. Tests read them at GET /_test/emails.
 * An address whose local part ends in "+reject" is refused with 422, as Resend refuses a bad recipient.
 * Given a webhook target, it reports each accepted email's fate there, signed (fake-resend-webhooks.ts);
 * tests read those deliveries at GET /_test/webhooks.
 * Like Resend, it limits requests per team: several API keys may share the one limit, and each request
 * is logged with its time and key, so a benchmark can see who called and how fast.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { startWebhookSender, type WebhookTarget } from "./fake-resend-webhooks";

export type RecordedEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  replyTo?: string[];
  idempotencyKey: string | null;
  receivedAt: string;
};

/** Faults to inject, changeable while the server runs (tests set them directly). */
export type Faults = {
  /** Share of requests answered 500 after doing nothing. */
  failureRate: number;
  /** The next N requests are answered 503. */
  failNext: number;
  /** Every request is answered 503 until this time (ms since the epoch, on the server's clock): an outage. */
  outageUntil: number | null;
  /** The next N requests are processed, but answered only after `slowMs` (past a client's time-out). */
  slowNext: number;
  slowMs: number;
  /** Requests allowed per second; past it, 429 with retry-after. Null: no limit. */
  requestsPerSecond: number | null;
  /** Addresses refused with 422 for now, as "+reject" ones always are (a test may let them through later). */
  refusedRecipients: Set<string>;
  /** Every request is answered 403 invalid_api_key, as Resend answers a revoked or mistyped key. */
  apiKeyRefused: boolean;
};

/** One authorized POST, whatever its answer: when it arrived (server clock, ms) and with which key. */
export type LoggedRequest = { at: number; apiKey: string; status: number };

type Options = { port: number; apiKey: string | string[]; random?: () => number; now?: () => number; webhook?: WebhookTarget };

export function startFakeResend({ port, apiKey, random = Math.random, now: clock = Date.now, webhook }: Options) {
  const webhooks = webhook ? startWebhookSender(webhook) : null;
  const recorded: RecordedEmail[] = [];
  // Resend keeps an idempotency key for 24 hours: the same key and body get the first answer again,
  // the same key with another body is refused with 409.
  const answersByIdempotencyKey = new Map<string, { body: string; answer: unknown; at: number }>();
  const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
  const faults: Faults = { failureRate: 0, failNext: 0, outageUntil: null, slowNext: 0, slowMs: 0, requestsPerSecond: null, refusedRecipients: new Set(), apiKeyRefused: false };
  const stats = { requests: 0, rateLimited: 0, failed: 0 };
  const recentRequests: number[] = [];
  const requestLog: LoggedRequest[] = [];
  const apiKeys = new Set(typeof apiKey === "string" ? [apiKey] : apiKey);

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (url.pathname === "/_test/health") return json(response, 200, { ok: true });
      if (url.pathname === "/_test/emails" && request.method === "GET") {
        const to = url.searchParams.get("to");
        return json(response, 200, to ? recorded.filter((email) => email.to.includes(to)) : recorded);
      }
      if (url.pathname === "/_test/webhooks" && request.method === "GET") {
        const to = url.searchParams.get("to");
        const deliveries = webhooks?.deliveries ?? [];
        return json(response, 200, to ? deliveries.filter((delivery) => delivery.to === to) : deliveries);
      }
      if (request.method !== "POST" || (url.pathname !== "/emails" && url.pathname !== "/emails/batch")) {
        return json(response, 404, { name: "not_found", message: "Unknown endpoint", statusCode: 404 });
      }
      const presentedKey = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
      if (faults.apiKeyRefused) {
        stats.requests++;
        return json(response, 403, { name: "invalid_api_key", message: "API key is invalid", statusCode: 403 });
      }
      if (!presentedKey || !apiKeys.has(presentedKey)) {
        return json(response, 401, { name: "validation_error", message: "API key is invalid", statusCode: 401 });
      }
      stats.requests++;
      const logged: LoggedRequest = { at: clock(), apiKey: presentedKey, status: 200 };
      requestLog.push(logged);
      response.once("finish", () => (logged.status = response.statusCode));
      if (faults.requestsPerSecond !== null) {
        const now = clock();
        while (recentRequests.length && recentRequests[0]! <= now - 1000) recentRequests.shift();
        const remaining = Math.max(0, faults.requestsPerSecond - recentRequests.length - 1);
        response.setHeader("ratelimit-limit", String(faults.requestsPerSecond));
        response.setHeader("ratelimit-remaining", String(remaining));
        response.setHeader("ratelimit-reset", "1");
        if (recentRequests.length >= faults.requestsPerSecond) {
          stats.rateLimited++;
          response.setHeader("retry-after", "1");
          return json(response, 429, { name: "rate_limit_exceeded", message: "Too many requests", statusCode: 429 });
        }
        recentRequests.push(now);
      }
      const inOutage = faults.outageUntil !== null && clock() < faults.outageUntil;
      if (inOutage || faults.failNext > 0 || random() < faults.failureRate) {
        if (!inOutage) faults.failNext = Math.max(0, faults.failNext - 1);
        stats.failed++;
        return json(response, 503, { name: "internal_server_error", message: "Unavailable", statusCode: 503 });
      }
      const idempotencyKey = header(request, "idempotency-key");
      const text = await readBody(request);
      const earlier = idempotencyKey ? answersByIdempotencyKey.get(idempotencyKey) : undefined;
      if (earlier && clock() - earlier.at < IDEMPOTENCY_WINDOW_MS) {
        if (earlier.body !== text) {
          return json(response, 409, { name: "invalid_idempotent_request", message: "Same idempotency key, different request", statusCode: 409 });
        }
        return json(response, 200, earlier.answer);
      }

      const body = JSON.parse(text) as unknown;
      const messages = url.pathname === "/emails" ? [body] : (body as unknown[]);
      if (!Array.isArray(messages) || messages.length > 100) {
        return json(response, 422, { name: "validation_error", message: "A batch holds 1 to 100 emails", statusCode: 422 });
      }
      const accepted = messages.map((message) => record(message as Record<string, unknown>, idempotencyKey));
      if (accepted.some((email) => email.to.some((address) => /\+reject@/.test(address) || faults.refusedRecipients.has(address)))) {
        return json(response, 422, { name: "validation_error", message: "Invalid `to` field", statusCode: 422 });
      }
      recorded.push(...accepted);
      for (const email of accepted) webhooks?.send(email);
      const answer = url.pathname === "/emails" ? { id: accepted[0]!.id } : { data: accepted.map(({ id }) => ({ id })) };
      if (idempotencyKey) answersByIdempotencyKey.set(idempotencyKey, { body: text, answer, at: clock() });
      if (faults.slowNext > 0) {
        faults.slowNext--;
        await new Promise((resolve) => setTimeout(resolve, faults.slowMs));
      }
      return json(response, 200, answer);
    } catch (error) {
      return json(response, 422, { name: "validation_error", message: String(error), statusCode: 422 });
    }
  });

  server.on("close", () => webhooks?.stop());
  server.listen(port, "127.0.0.1");
  return { server, recorded, faults, stats, requestLog };
}

function record(message: Record<string, unknown>, idempotencyKey: string | null): RecordedEmail {
  const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
  if (!message.from || !message.to || !message.subject) throw new Error("from, to and subject are required");
  return {
    id: randomUUID(),
    from: String(message.from),
    to: list(message.to),
    subject: String(message.subject),
    html: message.html === undefined ? undefined : String(message.html),
    text: message.text === undefined ? undefined : String(message.text),
    replyTo: list(message.reply_to ?? message.replyTo),
    idempotencyKey,
    receivedAt: new Date().toISOString(),
  };
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

// Started on its own by Playwright's webServer (and handy by hand: `npx tsx e2e/support/fake-resend-server.ts`).
if (process.argv[1]?.endsWith("fake-resend-server.ts")) {
  const port = Number(process.env.FAKE_RESEND_PORT ?? 3101);
  const webhookUrl = process.env.FAKE_RESEND_WEBHOOK_URL;
  const webhookSecret = process.env.FAKE_RESEND_WEBHOOK_SECRET;
  startFakeResend({
    port,
    apiKey: process.env.RESEND_API_KEY ?? "re_test_key",
    webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret, deliverTwice: true } : undefined,
  });
  console.log(`Fake Resend listening on http://127.0.0.1:${port}`);
}
