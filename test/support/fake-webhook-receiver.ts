/**
 * A webhook receiver for tests: a small local HTTP server that records every POST (headers, raw body,
 * when) and fails on purpose. It can answer 5xx, hold requests past the sender's time-out, be down
 * (its port closed: connections are refused) and come back on the same port. Integration tests
 * listen on port 0; e2e/webhooks.spec.ts on E2E_WEBHOOK_RECEIVER_PORT (the app's port + 30).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { path: string; headers: Record<string, string>; body: string; receivedAt: number };

export type ReceiverFaults = {
  /** Status every request gets (200 when healthy). */
  status: number;
  /** The next N requests are answered 500. */
  failNext: number;
  /** The next N requests are never answered (until the sender gives up or the receiver stops). */
  hangNext: number;
  /** Every answer waits this long. */
  delayMs: number;
};

export type FakeWebhookReceiver = Awaited<ReturnType<typeof startFakeWebhookReceiver>>;

export async function startFakeWebhookReceiver(options: { port?: number; host?: string } = {}) {
  const host = options.host ?? "127.0.0.1";
  const received: ReceivedWebhook[] = [];
  const faults: ReceiverFaults = { status: 200, failNext: 0, hangNext: 0, delayMs: 0 };
  const inFlight = new Map<string, number>();
  const stats = { requests: 0, mostInFlightForOneId: 0 };
  const hanging = new Set<ServerResponse>();
  let server: Server | null = null;
  let port = options.port ?? 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    stats.requests++;
    const id = String(request.headers["webhook-id"] ?? "");
    const current = (inFlight.get(id) ?? 0) + 1;
    inFlight.set(id, current);
    stats.mostInFlightForOneId = Math.max(stats.mostInFlightForOneId, current);
    const done = () => inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    const record = () => received.push({ path: request.url ?? "/", headers, body: Buffer.concat(chunks).toString("utf8"), receivedAt: Date.now() });
    if (faults.hangNext > 0) {
      faults.hangNext--;
      record();
      hanging.add(response);
      response.on("close", () => {
        hanging.delete(response);
        done();
      });
      return;
    }
    if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    record();
    let status = faults.status;
    if (faults.failNext > 0) {
      faults.failNext--;
      status = 500;
    }
    done();
    response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "failing on purpose");
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const created = createServer((request, response) => void handle(request, response));
      created.once("error", reject);
      created.listen(port, host, () => {
        port = (created.address() as AddressInfo).port;
        server = created;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const response of hanging) response.destroy();
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = null;
    });
  await listen();

  return {
    received,
    faults,
    stats,
    get port() {
      return port;
    },
    url: (path = "/hooks") => `http://${host}:${port}${path}`,
    /** Closes the port: senders get "connection refused" until `up`. */
    down: close,
    up: listen,
    stop: close,
    reset() {
      received.length = 0;
      Object.assign(faults, { status: 200, failNext: 0, hangNext: 0, delayMs: 0 });
      Object.assign(stats, { requests: 0, mostInFlightForOneId: 0 });
      inFlight.clear();
    },
  };
}
