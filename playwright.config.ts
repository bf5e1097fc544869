import { defineConfig, devices } from "@playwright/test";
import { ADMIN_EMAIL, APP_PORT, CHROMIUM_LAUNCH_OPTIONS, APP_URL, CAPTURE_APP_PORT, CAPTURE_APP_URL, CRON_SECRET, WEBHOOK_SECRET, FAKE_RESEND_PORT, FAKE_RESEND_URL, RESEND_API_KEY, SERVER_LOGS, STORAGE_STATE } from "./e2e/support/environment";

/**
 * End-to-end: `next start` of the production build, sending email through the real `resend` SDK to
 * the fake Resend server. The database is DATABASE_URL when set, otherwise a fresh embedded one.
 */
const e2eDataDir = ".data/e2e-pglite";
const captureDataDir = ".data/e2e-capture-pglite";
// Everything an app server prints goes to a file too, so server-logs.check.ts can prove no token or
// sign-in link was logged. (Playwright empties test-results/ before it starts the servers, not after.)
const logTo = (file: string) => `2>&1 | tee ${file}`;
const startApp = (dataDir: string, port: number, log: string, prepare = "") =>
  `rm -rf ${dataDir} && mkdir -p ${SERVER_LOGS.dir} && ${prepare}npx next start -p ${port} -H localhost ${logTo(log)}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  projects: [
    // Its teardown, server-logs, runs once every project after it has finished, passed or failed.
    { name: "setup", testMatch: /global\.setup\.ts/, teardown: "server-logs" },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], storageState: STORAGE_STATE },
      dependencies: ["setup"],
      testIgnore: [/global\.setup\.ts/, /dev-mailbox\.spec\.ts/],
    },
    {
      // The zero-setup path of a fresh machine: no Resend key, mail captured and read at /dev/mailbox.
      name: "dev-mailbox",
      use: { ...devices["Desktop Chrome"], baseURL: CAPTURE_APP_URL },
      testMatch: /dev-mailbox\.spec\.ts/,
      // Only to run before the server-logs teardown; it uses nothing setup makes.
      dependencies: ["setup"],
    },
    {
      // Last, while the servers still run, even when tests failed (a failure is when a server is most
      // likely to print what it holds): every token the run emailed is looked for in their logs.
      name: "server-logs",
      testMatch: /server-logs\.check\.ts/,
    },
  ],
  webServer: [
    {
      command: "npx tsx e2e/support/fake-resend-server.ts",
      url: `${FAKE_RESEND_URL}/_test/health`,
      env: {
        FAKE_RESEND_PORT: String(FAKE_RESEND_PORT),
        RESEND_API_KEY,
        FAKE_RESEND_WEBHOOK_URL: `${APP_URL}/api/webhooks/resend`,
        FAKE_RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The authorization matrix's principals are written first: PGlite's directory is the server's once it runs.
      command: startApp(e2eDataDir, APP_PORT, SERVER_LOGS.app, "npx tsx e2e/support/write-principals.ts && "),
      url: `${APP_URL}/api/health`,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        APP_URL,
        AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
        // A second admin, with its own hourly invitation budget, for e2e/rate-limits.spec.ts.
        ADMIN_EMAILS: `${ADMIN_EMAIL},limits.admin@example.com`,
        RESEND_API_KEY,
        RESEND_BASE_URL: FAKE_RESEND_URL,
        // Low abuse limits that e2e/rate-limits.spec.ts reaches, and the other specs stay under. The
        // spec sends its own X-Forwarded-For, standing in for a proxy, so its clients are its own.
        TRUST_PROXY: "1",
        RATE_LIMIT_SIGN_IN_PER_EMAIL: "5",
        RATE_LIMIT_SIGN_IN_PER_IP: "30",
        RATE_LIMIT_JOIN_FAILURES_PER_IP: "5",
        RATE_LIMIT_INVITATIONS_PER_ADMIN_PER_HOUR: "100",
        EMAIL_FROM: "Roster Tests <invites@roster.test>",
        CRON_SECRET,
        RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
        // e2e/webhooks.spec.ts's receiver listens on http://127.0.0.1.
        WEBHOOK_ALLOW_PRIVATE: "1",
        PGLITE_DATA_DIR: e2eDataDir,
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: startApp(captureDataDir, CAPTURE_APP_PORT, SERVER_LOGS.captureApp),
      url: `${CAPTURE_APP_URL}/api/health`,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        APP_URL: CAPTURE_APP_URL,
        AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
        ADMIN_EMAILS: ADMIN_EMAIL,
        EMAIL_TRANSPORT: "capture",
        WEBHOOK_ALLOW_PRIVATE: "1",
        DEV_MAILBOX: "on",
        RESEND_API_KEY: "",
        // This server checks the mail path, not the database: it always runs on its own embedded one.
        DATABASE_URL: "",
        PGLITE_DATA_DIR: captureDataDir,
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
