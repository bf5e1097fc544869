// `npm test`: every test, the same way on a laptop and in CI.
//   lint and types → unit and integration tests (vitest) → production build → e2e (Playwright, Chromium)
// With DATABASE_URL set, integration tests and the e2e server run on fresh databases created on that
// PostgreSQL server (and dropped afterwards); without it, on embedded PGlite.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import postgres from "postgres";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`Chromium is needed for the end-to-end tests and was not found at ${chromium}.`);
  console.error("Install it with: sudo apt-get install chromium   (or set CHROMIUM_PATH)");
  process.exit(1);
}
mkdirSync("test-results", { recursive: true });
// A report left by an earlier run must never be counted as this one's.
const reports = { vitest: "test-results/vitest.json", playwright: "test-results/playwright.json" };
for (const report of Object.values(reports)) rmSync(report, { force: true });

function run(label, command, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status === 0;
}

const counts = { passed: 0, failed: 0, skipped: 0 };
function addVitestCounts(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
function addPlaywrightCounts(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
}

async function withE2eDatabase(body) {
  if (!process.env.DATABASE_URL) return body({});
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const name = `roster_e2e_${randomBytes(5).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    return await body({ DATABASE_URL: url.toString() });
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
console.log(`Roster tests on ${database}`);
let ok = run("Lint", "npx", ["eslint", "."]);
ok = run("Unit and integration tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports.vitest}`]) && ok;
addVitestCounts(reports.vitest);
if (run("Production build", "npx", ["next", "build"])) {
  ok =
    (await withE2eDatabase((databaseEnv) =>
      run("End-to-end tests (Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], {
        ...databaseEnv,
        PLAYWRIGHT_JSON_OUTPUT_NAME: reports.playwright,
      }),
    )) && ok;
  addPlaywrightCounts(reports.playwright);
} else {
  ok = false;
}

console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`);
process.exit(ok && counts.failed === 0 ? 0 : 1);
