// `npm run bench`: how long the Users page's server reads take at 1,000, 10,000 and 100,000 users,
// beside the bare SQL of the same queries run on the driver. With DATABASE_URL set, each size gets a
// fresh database on that PostgreSQL server (dropped afterwards); without it, an in-memory PGlite.
import os from "node:os";
import { ensureDefaultOrganization, saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { refreshPlannerStatistics } from "@/lib/refresh-planner-statistics";
import { listUsersQueries } from "@/lib/users/list-users";
import { seedUsers } from "@/db/seed-users";
import { loadUsersPage } from "@/lib/users/users-page-data";
import { userStatuses } from "@/lib/invitations/status";
import { parseUsersSearchParams, userSortColumns, type UsersSearchParams } from "@/lib/users/users-search-params";
import { createBenchDatabase, type BenchDatabase } from "./bench-database";
import { summarizePlan } from "./plan-summary";

/** `npm run bench -- --sizes 100000` measures only the sizes named. */
const SIZES = sizesFromArguments(process.argv.slice(2)) ?? [1_000, 10_000, 100_000];
const WARM_UPS = 3;
const RUNS = 30;
/** A fixed clock and random seed: every run benchmarks the same rows with the same statuses. */
const NOW = new Date("2026-11-23T10:00:00Z");
const RANDOM_SEED = 0.42;
/** The p95 each view must keep to at 100,000 users: embedded PGlite runs in WebAssembly, on one thread. */
const TARGET_P95_MS = { postgres: 100, pglite: 150 } as const;
const TARGET_RATIO = 3;
const EXPLAIN_AT = 100_000;

/** `extra`: not one of the views the targets are about; measured to show where the limits are. */
type Scenario = { name: string; params: UsersSearchParams; extra?: boolean };
type Timing = { median: number; p95: number };
type Result = {
  size: number;
  scenario: string;
  extra: boolean;
  rows: number;
  total: number;
  server: Timing;
  bare: Timing;
  ratio: number;
  plans?: { page: string; total: string };
};

function scenarios(listed: number): Scenario[] {
  const lastPage = Math.max(1, Math.ceil(listed / 25));
  const middlePage = Math.ceil(lastPage / 2);
  const views: [string, Record<string, string>, boolean?][] = [
    ["first page (invitedAt desc)", {}],
    ["search q=ann", { q: "ann" }],
    ["search with few matches q=5240", { q: "5240" }],
    ["search matching almost everyone q=example.com", { q: "example.com" }],
    ...userStatuses.map((status): [string, Record<string, string>] => [`status=${status}`, { status }]),
    ...userSortColumns.flatMap((sort) =>
      (["asc", "desc"] as const)
        .filter((dir) => !(sort === "invitedAt" && dir === "desc"))
        .map((dir): [string, Record<string, string>] => [`sort ${sort} ${dir}`, { sort, dir }]),
    ),
    [`last page (${lastPage})`, { page: String(lastPage) }],
    [`middle page (${middlePage})`, { page: String(middlePage) }],
    [`sort name asc, middle page`, { sort: "name", dir: "asc", page: String(middlePage) }],
    [`sort status asc, middle page`, { sort: "status", dir: "asc", page: String(middlePage) }],
    [`search q=ann, sort status desc`, { q: "ann", sort: "status", dir: "desc" }, true],
    [`search q=zhang, sort name asc, page 2`, { q: "zhang", sort: "name", dir: "asc", page: "2" }, true],
  ];
  return views.map(([name, query, extra]) => ({ name, params: parseUsersSearchParams(query), extra }));
}

function sizesFromArguments(args: string[]): number[] | undefined {
  const index = args.findIndex((arg) => arg === "--sizes" || arg.startsWith("--sizes="));
  if (index < 0) return undefined;
  const value = args[index]!.includes("=") ? args[index]!.slice("--sizes=".length) : args[index + 1];
  const sizes = (value ?? "").split(",").map(Number);
  if (!sizes.every((size) => Number.isSafeInteger(size) && size > 0)) throw new Error(`--sizes takes whole numbers, like --sizes 1000,100000: not "${value}".`);
  return sizes;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p95: percentile(sorted, 95) };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

let current: BenchDatabase | undefined;

async function benchSize(size: number): Promise<{ results: Result[]; seedMs: number; label: string; driver: BenchDatabase["driver"] }> {
  const database = await createBenchDatabase();
  current = database;
  try {
    const { db } = database;
    const organization = await ensureDefaultOrganization(db);
    await saveInvitationSettings(db, {
      organizationId: organization.id,
      actorEmail: "admin@example.com",
      settings: { organizationName: "Acme Robotics", contactEmail: null, customMessage: null, validityDays: 30 },
      now: NOW,
    });
    const seedMs = await timed(() =>
      seedUsers(db, { organizationId: organization.id, count: size, now: NOW, randomSeed: RANDOM_SEED }),
    );
    // What `npm run db:seed` does after seeding.
    await refreshPlannerStatistics(db);

    const { total: listed } = await loadUsersPage(db, organization.id, parseUsersSearchParams({}), NOW);
    const results: Result[] = [];
    for (const scenario of scenarios(listed)) {
      // The SQL listUsers sends: the total, then (knowing it) the page. The total is the same on every run.
      const queries = listUsersQueries(db, organization.id, scenario.params, NOW);
      const server = () => loadUsersPage(db, organization.id, scenario.params, NOW);
      const fromServer = await server();
      const [counted = { total: 0 }] = await queries.count;
      const totalQuery = queries.count.toSQL();
      const pageQuery = queries.page(counted)?.toSQL();
      const bare = async () => {
        const [[total] = []] = await database.query(totalQuery.sql, totalQuery.params);
        const rows = pageQuery ? await database.query(pageQuery.sql, pageQuery.params) : [];
        return { rows, total: Number(total) };
      };

      // The bare SQL must be the very queries the page runs: same rows in the same order, same total.
      const fromBare = await bare();
      const sameRows = JSON.stringify(fromServer.rows.map((row) => row.id)) === JSON.stringify(fromBare.rows.map((row) => row[0]));
      if (!sameRows || fromServer.total !== fromBare.total) {
        throw new Error(`${scenario.name}: the bare SQL does not return what loadUsersPage returns.`);
      }

      for (let run = 0; run < WARM_UPS; run++) {
        await server();
        await bare();
      }
      const serverSamples: number[] = [];
      const bareSamples: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // Alternate which goes first so that neither always runs on the warmer cache.
        if (run % 2 === 0) {
          serverSamples.push(await timed(server));
          bareSamples.push(await timed(bare));
        } else {
          bareSamples.push(await timed(bare));
          serverSamples.push(await timed(server));
        }
      }
      const serverTiming = summarize(serverSamples);
      const bareTiming = summarize(bareSamples);
      const result: Result = {
        size,
        scenario: scenario.extra ? `${scenario.name} *` : scenario.name,
        extra: Boolean(scenario.extra),
        rows: fromServer.rows.length,
        total: fromServer.total,
        server: serverTiming,
        bare: bareTiming,
        ratio: serverTiming.median / bareTiming.median,
      };
      if (size === EXPLAIN_AT) {
        const explain = async (query: { sql: string; params: unknown[] }) =>
          summarizePlan((await database.query(`explain (format json) ${query.sql}`, query.params))[0]?.[0]);
        result.plans = { page: pageQuery ? await explain(pageQuery) : "(no page query)", total: await explain(totalQuery) };
      }
      results.push(result);
    }
    return { results, seedMs, label: database.label, driver: database.driver };
  } finally {
    current = undefined;
    await database.close();
  }
}

const ms = (value: number) => value.toFixed(2);
const count = (value: number) => value.toLocaleString("en-US");

function printTable(results: Result[]) {
  const header = ["users", "scenario", "rows", "total", "server med", "server p95", "bare med", "bare p95", "ratio"];
  const lines = results.map((r) => [
    count(r.size),
    r.scenario,
    String(r.rows),
    count(r.total),
    ms(r.server.median),
    ms(r.server.p95),
    ms(r.bare.median),
    ms(r.bare.p95),
    `${r.ratio.toFixed(2)}×`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column === 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  let previousSize: number | undefined;
  results.forEach((result, index) => {
    if (previousSize !== undefined && result.size !== previousSize) console.log("");
    previousSize = result.size;
    console.log(format(lines[index]!));
  });
}

function verdict(size: number, results: Result[], targetMs: number): string {
  const mine = results.filter((r) => r.size === size && !r.extra);
  const slowest = mine.reduce((a, b) => (b.server.p95 > a.server.p95 ? b : a));
  const heaviest = mine.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const fast = mine.every((r) => r.server.p95 <= targetMs);
  const lean = mine.every((r) => r.ratio <= TARGET_RATIO);
  return (
    `${count(size).padStart(7)} users: p95 <= ${targetMs} ms ${fast ? "holds" : "FAILS"} ` +
    `(worst ${ms(slowest.server.p95)} ms, ${slowest.scenario}); ratio <= ${TARGET_RATIO} ${lean ? "holds" : "FAILS"} ` +
    `(worst ${heaviest.ratio.toFixed(2)}×, ${heaviest.scenario})` +
    (size === EXPLAIN_AT ? ` → the targets at ${count(EXPLAIN_AT)} are ${fast && lean ? "MET" : "MISSED"}` : "")
  );
}

async function main() {
  const load = () => os.loadavg().map((value) => value.toFixed(2)).join(" ");
  const started = performance.now();
  const loadBefore = load();
  const all: Result[] = [];
  const seeds: string[] = [];
  let label = "";
  let driver: BenchDatabase["driver"] = "pglite";
  for (const size of SIZES) {
    const { results, seedMs, label: engine, driver: used } = await benchSize(size);
    label = engine;
    driver = used;
    seeds.push(`${count(size)} in ${(seedMs / 1000).toFixed(2)} s`);
    all.push(...results);
  }

  console.log(`Users page benchmark: ${label}, Node ${process.version}, ${os.cpus().length} CPUs`);
  console.log(`load average before ${loadBefore}, after ${load()}; ${WARM_UPS} warm-ups then ${RUNS} timed runs per scenario`);
  console.log(`seedUsers: ${seeds.join(", ")}`);
  console.log("server = loadUsersPage: the settings read beside listUsers' transaction (count, then page), through Drizzle");
  console.log("bare   = the same total and page SQL text with the same parameters, one after the other on the driver");
  console.log("times in ms; p95 is nearest-rank; ratio = server median / bare median; * = an extra view, outside the targets\n");
  printTable(all);
  console.log(`\nPlans at ${count(EXPLAIN_AT)} users (EXPLAIN, count query / page query), after VACUUM (ANALYZE) as db:seed does:`);
  for (const result of all.filter((r) => r.plans)) {
    console.log(`  ${result.scenario}`);
    console.log(`    total: ${result.plans!.total}`);
    console.log(`    page:  ${result.plans!.page}`);
  }
  const targetMs = TARGET_P95_MS[driver];
  console.log(`\nTargets (p95 <= ${targetMs} ms on ${label} and server/bare <= ${TARGET_RATIO}; set for ${count(EXPLAIN_AT)} users; every view but the * rows):`);
  for (const size of SIZES) console.log(verdict(size, all, targetMs));
  console.log(`(whole benchmark: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

async function interrupted() {
  await current?.close().catch(() => {});
  process.exit(130);
}
process.once("SIGINT", interrupted);
process.once("SIGTERM", interrupted);

main().catch(async (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
