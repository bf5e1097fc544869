/** Ports and secrets of the e2e run, shared by playwright.config.ts and the specs. */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const FAKE_RESEND_PORT = Number(process.env.E2E_RESEND_PORT ?? 3101);
// "localhost", not 127.0.0.1: Next.js normalises loopback addresses to localhost in request URLs,
// and Auth.js's redirects must stay on the origin whose cookies the browser holds.
export const APP_URL = `http://localhost:${APP_PORT}`;
export const CAPTURE_APP_PORT = Number(process.env.E2E_CAPTURE_APP_PORT ?? 3102);
export const CAPTURE_APP_URL = `http://localhost:${CAPTURE_APP_PORT}`;
export const FAKE_RESEND_URL = `http://127.0.0.1:${FAKE_RESEND_PORT}`;
export const RESEND_API_KEY = "re_test_e2e_key";
export const ADMIN_EMAIL = "admin@example.com";
export const STORAGE_STATE = "test-results/.auth/admin.json";
export const ORGANIZATION_NAME = "Acme Robotics";
export const CRON_SECRET = "e2e-cron-secret";
export const WEBHOOK_SECRET = `whsec_${Buffer.from("e2e webhook secret, 32 bytes long").toString("base64")}`;
/** Where playwright.config.ts keeps each app server's stdout and stderr. */
export const SERVER_LOGS = {
  dir: "test-results/server-logs",
  app: "test-results/server-logs/app.log",
  captureApp: "test-results/server-logs/capture-app.log",
};

/** Debian's Chromium, without the background traffic this machine's closed network would refuse. */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** The webhook receiver e2e/webhooks.spec.ts starts (test/support/fake-webhook-receiver.ts). */
export const WEBHOOK_RECEIVER_PORT = Number(process.env.E2E_WEBHOOK_RECEIVER_PORT ?? APP_PORT + 30);

/** The server e2e/big-csv.spec.ts starts for itself (test/support/invite-app.ts). */
export const BIG_CSV_APP_PORT = Number(process.env.E2E_BIG_CSV_APP_PORT ?? APP_PORT + 3);

/** The server e2e/select-all-at-scale.spec.ts starts for itself, and the fake Resend it sends through. */
export const SELECT_ALL_APP_PORT = Number(process.env.E2E_SELECT_ALL_APP_PORT ?? APP_PORT + 4);
export const SELECT_ALL_RESEND_PORT = Number(process.env.E2E_SELECT_ALL_RESEND_PORT ?? APP_PORT + 5);
/** e2e/sends.spec.ts: its own app, and a fake Resend slowed to one request a second. */
export const SENDS_APP_PORT = Number(process.env.E2E_SENDS_APP_PORT ?? APP_PORT + 8);
export const SENDS_RESEND_PORT = Number(process.env.E2E_SENDS_RESEND_PORT ?? APP_PORT + 9);

/** The server e2e/delivery-health.spec.ts starts for itself, and the fake Resend whose key it refuses. */
export const DELIVERY_HEALTH_APP_PORT = Number(process.env.E2E_DELIVERY_HEALTH_APP_PORT ?? APP_PORT + 10);
export const DELIVERY_HEALTH_RESEND_PORT = Number(process.env.E2E_DELIVERY_HEALTH_RESEND_PORT ?? APP_PORT + 11);
