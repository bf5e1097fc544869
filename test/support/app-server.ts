import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/**
 * A production server (`next start` of the build in .next) for the HTTP stress tests, on its own
 * port and database. `stop` ends the process group this module started, and nothing else.
 */
export type AppServer = { url: string; process: ChildProcess; output: () => string; stop(): Promise<void> };

export function assertBuildExists(): void {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first (npm run test:stress does).");
}

export async function startAppServer(options: { port: number; env: Record<string, string> }): Promise<AppServer> {
  assertBuildExists();
  const url = `http://localhost:${options.port}`;
  const child = spawn("npx", ["next", "start", "-p", String(options.port), "-H", "localhost"], {
    detached: true, // its own process group, so that stop() also ends the node process npx starts
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: url,
      AUTH_SECRET: "stress-only-secret-not-for-production-0123456789",
      ADMIN_EMAILS: "admin@example.com",
      EMAIL_TRANSPORT: "capture",
      RESEND_API_KEY: "",
      DATABASE_URL: "",
      // These tests are about races and faults, not abuse limits: 50 joins in flight from one client
      // each hold a join attempt until their link is found, which the default limit would refuse.
      RATE_LIMIT_JOIN_FAILURES_PER_IP: "100000",
      ...options.env,
    },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Should the test process end without its afterAll (a crash, Ctrl-C), the server ends with it.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  };
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  const server: AppServer = {
    url,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, "SIGTERM");
        const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
        if (!killed) process.kill(-child.pid!, "SIGKILL");
      }
      await exited;
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app server exited during start-up:\n${output}`);
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (health?.ok) return server;
    await sleep(500);
  }
  await server.stop();
  throw new Error(`The app server did not become healthy within 2 minutes:\n${output}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The id Next.js gave the join page's server action, from the build's own manifest. */
export function joinActionId(): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string; filename: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === "joinAction" && action.filename.startsWith("app/join/"),
  );
  if (!entry) throw new Error("joinAction is not in the build's server-reference manifest");
  return entry[0];
}

/**
 * Presses "Join" the way the browser does: the action's arguments (previous state, form data)
 * encoded as React encodes a reply, posted to the page with the action's id.
 */
export async function postJoin(server: AppServer, actionId: string, token: string, timeoutMs = 30_000) {
  const body = new FormData();
  // React's reply format: the form's fields under "_<part>_", then the root part naming it "$K<part>".
  body.append("_1_token", token);
  body.append("0", JSON.stringify([null, "$K1"]));
  const response = await fetch(`${server.url}/join/${token}`, {
    method: "POST",
    headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: server.url },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const state = /"state":"([a-z]+)"/.exec(text)?.[1] ?? null;
  return { status: response.status, state, text };
}
