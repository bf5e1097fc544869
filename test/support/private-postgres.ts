import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A PostgreSQL cluster of the test's own, in a temporary directory and on a free port, so that the
 * test can stop and restart it. The shared server on 5432 is never touched.
 */
export type PrivatePostgres = {
  url: string;
  stop(mode: "fast" | "immediate"): void;
  start(): void;
  /** Suspends (SIGSTOP) or resumes (SIGCONT) every process of this cluster: a database that hangs. */
  freeze(): void;
  thaw(): void;
  log(): string;
  destroy(): void;
};

/** The directory holding initdb and pg_ctl: PG_BIN, or the newest Debian-installed version. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((version) => path.join(root, version, "bin")).find((dir) => existsSync(path.join(dir, "initdb")));
  return found ?? null;
}

async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port between ${from} and ${to} for a private PostgreSQL`);
}

export async function startPrivatePostgres(binDir: string): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "roster-stress-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  // PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(binDir, tool), ...args]] as const : [path.join(binDir, tool), args] as const;
    execFileSync(command[0], [...command[1]], { stdio: "pipe", timeout: 60_000 });
  };
  const port = await freePort(55432, 55499);
  run("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=50`;
  let running = false;
  // The postmaster's pid is the first line of postmaster.pid; its backends are its children.
  const signalCluster = (signal: NodeJS.Signals) => {
    const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(postmaster)]).toString().split(/\s+/).filter(Boolean).map(Number);
    for (const pid of [postmaster, ...children]) process.kill(pid, signal);
  };
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      run("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "30", "start"]);
      running = true;
    },
    stop(mode) {
      run("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
      running = false;
    },
    freeze: () => signalCluster("SIGSTOP"),
    thaw: () => signalCluster("SIGCONT"),
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
    destroy() {
      try {
        if (running) cluster.stop("immediate");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  // Should the test process end without its afterAll (a crash, Ctrl-C), the cluster goes with it.
  process.once("exit", () => cluster.destroy());
  try {
    cluster.start();
  } catch (error) {
    cluster.destroy();
    throw error;
  }
  return cluster;
}
