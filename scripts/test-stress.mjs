// `npm run test:stress`: the heavy concurrency and fault tests (**/*.stress.test.ts, in lib/ and
// test/stress/), kept out of `npm test` for time. On embedded PGlite, or with DATABASE_URL set on
// that PostgreSQL server (fresh databases, dropped afterwards; the outage test then also runs, on a
// private cluster of its own).
// The HTTP tests run `next start` of the production build: it is built first when missing or older
// than the sources. Every server the tests start, they stop.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const started = Date.now();

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  return spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

/** Newest modification time of the files the build is made from (tests beside the code excluded). */
function newestSource(entries) {
  let newest = 0;
  const visit = (entry) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else if (!/\.(test|spec)\.tsx?$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  entries.forEach(visit);
  return newest;
}

const sources = ["app", "components", "db", "lib", "auth.ts", "instrumentation.ts", "next.config.mjs", "package-lock.json"];
const buildId = ".next/BUILD_ID";
const buildIsCurrent = existsSync(buildId) && statSync(buildId).mtimeMs >= newestSource(sources);
let ok = buildIsCurrent || run("Production build (missing or older than the sources)", "npx", ["next", "build"]);

const counts = { passed: 0, failed: 0, skipped: 0 };
if (ok) {
  mkdirSync("test-results", { recursive: true });
  const report = "test-results/vitest-stress.json";
  rmSync(report, { force: true });
  const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
  ok = run(`Stress tests on ${database}`, "npx", [
    "vitest",
    "run",
    "--config",
    "vitest.stress.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  if (existsSync(report)) {
    const results = JSON.parse(readFileSync(report, "utf8"));
    counts.passed += results.numPassedTests;
    counts.failed += results.numFailedTests;
    counts.skipped += results.numPendingTests + (results.numTodoTests ?? 0);
  } else {
    ok = false;
  }
}

const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""} (stress, ${seconds} s)`);
process.exit(ok && counts.failed === 0 ? 0 : 1);
