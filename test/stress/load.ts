import { postJoin, sleep, type AppServer } from "@/test/support/app-server";

/** One request of the load: what was asked, in which phase it started and ended, and the answer. */
export type Sample = {
  kind: "health" | "page" | "join";
  startPhase: string;
  endPhase: string;
  ms: number;
  /** The HTTP status, or "no answer" when the request failed at the network level or timed out. */
  status: number | "no answer";
  /** Health: the database field; join: the outcome's state; page: the heading shown. */
  said: string | null;
  error?: string;
};

const JOIN_PAGE_HEADING = /You are invited to join|Something went wrong on our side/;

/**
 * Keeps `workers` clients asking for the health check, a join page and the join action (one fresh
 * invitation each) until stopped. `phase()` labels each request at its start and end.
 */
export function startLoad(
  server: AppServer,
  options: { workers: number; actionId: string; tokens: string[]; pageToken: string; timeoutMs: number; phase: () => string },
) {
  const samples: Sample[] = [];
  const tokens = [...options.tokens];
  let running = true;
  let turn = 0;

  async function one(kind: Sample["kind"], token: string | undefined): Promise<Omit<Sample, "startPhase" | "endPhase" | "ms">> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    if (kind === "health") {
      const response = await fetch(`${server.url}/api/health`, { signal });
      const body = (await response.json().catch(() => ({}))) as { database?: string };
      return { kind, status: response.status, said: body.database ?? null };
    }
    if (kind === "page") {
      const response = await fetch(`${server.url}/join/${options.pageToken}`, { signal });
      return { kind, status: response.status, said: JOIN_PAGE_HEADING.exec(await response.text())?.[0] ?? null };
    }
    const answer = await postJoin(server, options.actionId, token!, options.timeoutMs);
    return { kind, status: answer.status, said: answer.state };
  }

  const worker = async () => {
    while (running) {
      const kinds = ["health", "page", "join"] as const;
      let kind: Sample["kind"] = kinds[turn++ % kinds.length]!;
      const token = kind === "join" ? tokens.shift() : undefined;
      if (kind === "join" && !token) kind = "page";
      const startPhase = options.phase();
      const started = Date.now();
      const result = await one(kind, token).catch((error: unknown) => ({
        kind,
        status: "no answer" as const,
        said: null,
        // fetch's own message is "fetch failed": the cause (a reset, a refused connection) says more.
        error: error instanceof Error ? `${error.name}: ${error.message}${error.cause ? ` (${String(error.cause)})` : ""}` : String(error),
      }));
      samples.push({ ...result, startPhase, endPhase: options.phase(), ms: Date.now() - started });
      await sleep(50);
    }
  };
  const workers = Array.from({ length: options.workers }, worker);
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(workers);
      return samples;
    },
  };
}
