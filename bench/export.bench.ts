// `npm run bench:export`: Export CSV over HTTP from the production build. Starts `next start` on a
// fresh database (embedded PGlite, or a new database on DATABASE_URL's server) seeded with an
// organization of 100,000 users (`-- --users N` for another count) and an admin session, then
// downloads several views' exports one at a time and prints, for each: rows, bytes, seconds, and
// how far the server's memory (the resident set of its processes, sampled every 20 ms) rose above
// what it was before the export. The last line exports with a client that reads slowly, to show
// that memory stays flat when the server has to wait (the stream pulls the next batch only when
// the client has taken the last). Timings are printed, never asserted.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { and, count, eq, isNull } from "drizzle-orm";
import { seedUsers } from "@/db/seed-users";
import { authSessions, authUsers, members } from "@/db/schema";
import { ensureDefaultOrganization } from "@/lib/organizations/invitation-setup";
import { refreshPlannerStatistics } from "@/lib/refresh-planner-statistics";
import { sleep, startAppServer, type AppServer } from "@/test/support/app-server";
import { buildIfMissing, runBench, usersArgument } from "./production-bench";
import { createServerDatabase, type ServerDatabase } from "@/test/support/server-database";

const PORT = Number(process.env.BENCH_EXPORT_PORT ?? 3121);
const USERS = usersArgument(process.argv.slice(2));
const ADMIN_EMAIL = "bench.admin@example.com";
const SESSION_TOKEN = "bench-export-admin-session-0000000000001";
const COOKIE = `authjs.session-token=${SESSION_TOKEN}`;
const MB = 1024 * 1024;

/** Seeds the users and an admin session; answers how many users are listed (the removed are not). */
async function seed(database: ServerDatabase): Promise<number> {
  const handle = await database.open();
  try {
    const { db } = handle;
    const now = new Date();
    const organization = await ensureDefaultOrganization(db);
    await seedUsers(db, { organizationId: organization.id, count: USERS, now, randomSeed: 0.42 });
    await refreshPlannerStatistics(db);
    const [user] = await db.insert(authUsers).values({ email: ADMIN_EMAIL, emailVerified: now }).returning();
    await db.insert(authSessions).values({ sessionToken: SESSION_TOKEN, userId: user!.id, expires: new Date(now.getTime() + 86_400_000) });
    const [listed] = await db.select({ total: count() }).from(members).where(and(eq(members.organizationId, organization.id), isNull(members.removedAt)));
    return listed!.total;
  } finally {
    await handle.close();
  }
}

/** Resident memory of every process in the server's process group (npx, and the next-server it starts). */
function groupRssBytes(groupId: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, pgrp, …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== groupId) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

type Measured = { view: string; rows: number; bytes: number; seconds: number; rssGrowth: number };

async function timeExport(server: AppServer, view: string, query: string, readDelayMs = 0): Promise<Measured> {
  const groupId = server.process.pid!;
  const baseline = groupRssBytes(groupId);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, groupRssBytes(groupId))), 20);
  try {
    const started = performance.now();
    const response = await fetch(`${server.url}/users/export${query ? `?${query}` : ""}`, { headers: { cookie: COOKIE } });
    if (!response.ok || !response.body) throw new Error(`/users/export?${query} answered ${response.status}`);
    let bytes = 0;
    let lines = 0;
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      for (const byte of chunk.value) if (byte === 0x0a) lines++;
      if (readDelayMs) await sleep(readDelayMs);
    }
    const seconds = (performance.now() - started) / 1000;
    // One line a user after the header (the seeded names and addresses hold no line breaks).
    return { view, rows: lines - 1, bytes, seconds, rssGrowth: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

async function main() {
  buildIfMissing();
  const database = await createServerDatabase();
  let server: AppServer | null = null;
  try {
    const listed = await seed(database);
    server = await startAppServer({ port: PORT, env: { ...database.env, ADMIN_EMAILS: ADMIN_EMAIL, EMAIL_WORKERS: "0" } });
    await timeExport(server, "warm-up", "");
    const results: Measured[] = [];
    for (const [view, query] of [
      ["every user, newest invited first", ""],
      ["every user, by name", "sort=name&dir=asc"],
      ["every user, by status", "sort=status&dir=desc"],
      ["every user, by enrolled", "sort=enrolledAt&dir=asc"],
      ["Pending only, by email", "status=pending&sort=email&dir=asc"],
      ["search q=ann", "q=ann"],
    ] as const) {
      results.push(await timeExport(server, view, query));
    }
    results.push(await timeExport(server, "every user, read slowly (5 ms a chunk)", "", 5));
    const rssBefore = groupRssBytes(server.process.pid!);

    console.log(
      `\nbench:export · ${database.env.DATABASE_URL ? "PostgreSQL" : "PGlite"} · ${os.cpus().length} cores · ` +
        `${USERS.toLocaleString("en-US")} users seeded, ${listed.toLocaleString("en-US")} listed · ${new Date().toISOString().slice(0, 10)}`,
    );
    console.log(`${"view".padEnd(42)}${"rows".padStart(9)}${"MB".padStart(8)}${"s".padStart(8)}${"rows/s".padStart(10)}${"RSS +MB".padStart(9)}`);
    for (const result of results) {
      console.log(
        `${result.view.padEnd(42)}${result.rows.toLocaleString("en-US").padStart(9)}${(result.bytes / MB).toFixed(1).padStart(8)}` +
          `${result.seconds.toFixed(2).padStart(8)}${Math.round(result.rows / result.seconds).toLocaleString("en-US").padStart(10)}` +
          `${(result.rssGrowth / MB).toFixed(1).padStart(9)}`,
      );
    }
    console.log(`Server processes' resident memory after the exports: ${(rssBefore / MB).toFixed(0)} MB`);
    const everyone = results[0]!;
    if (everyone.rows !== listed) {
      console.error(`The export of every user has ${everyone.rows} rows; ${listed} users are listed.`);
      process.exitCode = 1;
    }
  } finally {
    await server?.stop();
    await database.destroy();
  }
}

runBench(main);
