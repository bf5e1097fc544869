// `npm run bench:http`: the production build over HTTP, as visitors meet it. Starts `next start` on a
// fresh database (embedded PGlite, or a new database on DATABASE_URL's server), seeds an organization
// with 100,000 users (`-- --users N` for another count), an admin session and one unused invitation,
// then prints side by side:
//   - autocannon (32 connections, 10 s after a 2 s warm-up) for /api/health, /sign-in, /join/<token>
//     (a valid link: reading it must not join) and an admin's /users: req/s, p50, p99, ratio to health;
//   - every view of the Users page (first page, a search, each status, each sort both ways, the last
//     page, a middle page sorted by name) one request at a time: p50 and p95 of 30 requests;
//   - the first-load JavaScript (gzip, every script the page loads) of /sign-in, /join/<token>,
//     /users, /users/invite and /settings, measured in Chromium.
// Timings are printed, never asserted; the bundle budgets are asserted in e2e/bundle-budgets.spec.ts.
import os from "node:os";
import autocannon from "autocannon";
import { chromium } from "@playwright/test";
import { eq } from "drizzle-orm";
import { seedUsers } from "@/db/seed-users";
import { authSessions, authUsers, invitations } from "@/db/schema";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { hashToken } from "@/lib/invitations/token";
import { ensureDefaultOrganization, saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import { refreshPlannerStatistics } from "@/lib/refresh-planner-statistics";
import { CHROMIUM_LAUNCH_OPTIONS } from "@/e2e/support/environment";
import { kilobytes, measureFirstLoadJs } from "@/e2e/support/first-load-js";
import { startAppServer, type AppServer } from "@/test/support/app-server";
import { buildIfMissing, runBench, usersArgument } from "./production-bench";
import { createServerDatabase } from "@/test/support/server-database";

const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3120);
const CONNECTIONS = 32;
const WARM_UP_SECONDS = 2;
const DURATION_SECONDS = 10;
const USERS = usersArgument(process.argv.slice(2));
const VIEW_WARM_UPS = 5;
const VIEW_SAMPLES = 30;
const ADMIN_EMAIL = "bench.admin@example.com";
const SESSION_TOKEN = "bench-http-admin-session-000000000000001";
/** A fixed token: the link is the same on every run, and 43 base64url characters like a real one. */
const JOIN_TOKEN = Buffer.alloc(32, 7).toString("base64url");

type Load = { path: string; label: string; cookie?: string };
type LoadResult = { label: string; requestsPerSecond: number; p50: number; p99: number; failures: number };

async function seed(database: Awaited<ReturnType<typeof createServerDatabase>>) {
  const handle = await database.open();
  try {
    const { db } = handle;
    const now = new Date();
    const organization = await ensureDefaultOrganization(db);
    await saveInvitationSettings(db, {
      organizationId: organization.id,
      actorEmail: ADMIN_EMAIL,
      settings: { organizationName: "Acme Robotics", contactEmail: "people@acme.test", customMessage: "Welcome aboard!", validityDays: 30 },
      now,
    });
    await seedUsers(db, { organizationId: organization.id, count: USERS, now, randomSeed: 0.42 });
    // As `npm run db:seed` does: fresh planner statistics for the rows just written.
    await refreshPlannerStatistics(db);
    const invited = await inviteUsers(db, {
      organizationId: organization.id,
      inviter: { userId: null, email: ADMIN_EMAIL, displayName: "Bench Admin" },
      rows: [{ firstName: "Ada", lastName: "Opener", email: "ada.opener@example.com", role: "member" }],
      now,
      random: () => Buffer.alloc(32, 7),
    });
    if (!invited.ok) throw new Error(invited.message);
    const [user] = await db.insert(authUsers).values({ email: ADMIN_EMAIL, emailVerified: now }).returning();
    await db.insert(authSessions).values({ sessionToken: SESSION_TOKEN, userId: user!.id, expires: new Date(now.getTime() + 86_400_000) });
  } finally {
    await handle.close();
  }
}

async function load(server: AppServer, { path, label, cookie }: Load): Promise<LoadResult> {
  const options = { url: `${server.url}${path}`, connections: CONNECTIONS, headers: cookie ? { cookie } : {} };
  await autocannon({ ...options, duration: WARM_UP_SECONDS });
  const result = await autocannon({ ...options, duration: DURATION_SECONDS });
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Every view of the Users page the targets are about, as URLs an admin would share. */
function usersViews(): [string, string][] {
  const lastPage = Math.ceil((USERS + 1) / 25);
  const sorts = ["name", "email", "status", "invitedAt", "expiresAt", "enrolledAt"].flatMap((sort) =>
    ["asc", "desc"].map((dir): [string, string] => [`sort ${sort} ${dir}`, `sort=${sort}&dir=${dir}`]),
  );
  return [
    ["first page", ""],
    ["search q=ann", "q=ann"],
    ["search q=example.com", "q=example.com"],
    ...["pending", "expired", "enrolled"].map((status): [string, string] => [`status ${status}`, `status=${status}`]),
    ...sorts,
    [`last page (${lastPage})`, `page=${lastPage}`],
    [`sort name, page ${Math.ceil(lastPage / 2)}`, `sort=name&dir=asc&page=${Math.ceil(lastPage / 2)}`],
  ];
}

/** One request at a time, so each figure is the page's own time, not a queue's. */
async function timeViews(server: AppServer, cookie: string) {
  const timings: { view: string; p50: number; p95: number }[] = [];
  for (const [view, query] of usersViews()) {
    const samples: number[] = [];
    for (let request = 0; request < VIEW_WARM_UPS + VIEW_SAMPLES; request++) {
      const started = performance.now();
      const response = await fetch(`${server.url}/users${query ? `?${query}` : ""}`, { headers: { cookie } });
      await response.text();
      if (!response.ok) throw new Error(`/users?${query} answered ${response.status}`);
      if (request >= VIEW_WARM_UPS) samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const at = (share: number) => samples[Math.min(samples.length - 1, Math.ceil(share * samples.length) - 1)]!;
    timings.push({ view, p50: at(0.5), p95: at(0.95) });
  }
  return timings;
}

async function firstLoadJs(server: AppServer, pages: Load[]) {
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const sizes: { label: string; gzipBytes: number; scripts: number }[] = [];
    for (const { path, label, cookie } of pages) {
      // A new context per page: nothing cached from the page before.
      const context = await browser.newContext({ baseURL: server.url });
      if (cookie) {
        const [name, value] = cookie.split("=") as [string, string];
        await context.addCookies([{ name, value, url: server.url }]);
      }
      const measured = await measureFirstLoadJs(await context.newPage(), path);
      sizes.push({ label, gzipBytes: measured.gzipBytes, scripts: measured.scripts.length });
      await context.close();
    }
    return sizes;
  } finally {
    await browser.close();
  }
}

async function main() {
  buildIfMissing();
  const database = await createServerDatabase();
  let server: AppServer | null = null;
  try {
    await seed(database);
    server = await startAppServer({
      port: PORT,
      env: { ...database.env, ADMIN_EMAILS: ADMIN_EMAIL, EMAIL_WORKERS: "0", RATE_LIMIT_JOIN_FAILURES_PER_IP: "20" },
    });
    const admin = `authjs.session-token=${SESSION_TOKEN}`;
    const loads: Load[] = [
      { path: "/api/health", label: "/api/health" },
      { path: "/sign-in", label: "/sign-in" },
      { path: `/join/${JOIN_TOKEN}`, label: "/join/<token>" },
      { path: "/users", label: "/users (admin)", cookie: admin },
    ];
    const results: LoadResult[] = [];
    for (const each of loads) results.push(await load(server, each));
    const views = await timeViews(server, admin);
    const sizes = await firstLoadJs(server, [
      loads[1]!,
      loads[2]!,
      loads[3]!,
      { path: "/users/invite", label: "/users/invite", cookie: admin },
      { path: "/settings", label: "/settings", cookie: admin },
    ]);
    await server.stop();
    server = null;

    const handle = await database.open();
    const [invitation] = await handle.db.select({ usedAt: invitations.usedAt }).from(invitations).where(eq(invitations.tokenHash, hashToken(JOIN_TOKEN)));
    await handle.close();

    const health = results[0]!;
    console.log(
      `\nbench:http · ${database.env.DATABASE_URL ? "PostgreSQL" : "PGlite"} · ${os.cpus().length} cores · ` +
        `${CONNECTIONS} connections, ${DURATION_SECONDS} s each · ${new Date().toISOString().slice(0, 10)}`,
    );
    console.log(`${"route".padEnd(18)}${"req/s".padStart(8)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"× health".padStart(10)}${"non-2xx".padStart(9)}`);
    for (const result of results) {
      console.log(
        `${result.label.padEnd(18)}${result.requestsPerSecond.toFixed(0).padStart(8)}${String(result.p50).padStart(9)}${String(result.p99).padStart(9)}` +
          `${(result.requestsPerSecond / health.requestsPerSecond).toFixed(2).padStart(10)}${String(result.failures).padStart(9)}`,
      );
    }
    console.log(`\nUsers page views over HTTP, ${USERS.toLocaleString("en-US")} users, one request at a time (${VIEW_SAMPLES} each)`);
    console.log(`${"view".padEnd(28)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}`);
    for (const view of views) console.log(`${view.view.padEnd(28)}${view.p50.toFixed(1).padStart(9)}${view.p95.toFixed(1).padStart(9)}`);
    console.log(`\n${"first-load JS".padEnd(18)}${"gzip".padStart(10)}${"scripts".padStart(9)}`);
    for (const size of sizes) console.log(`${size.label.padEnd(18)}${kilobytes(size.gzipBytes).padStart(10)}${String(size.scripts).padStart(9)}`);
    console.log(`\nThe join link after ${results[2]!.requestsPerSecond.toFixed(0)} req/s of reading: ${invitation?.usedAt ? "USED (reading joined!)" : "still unused"}`);
    if (invitation?.usedAt || results.some((result) => result.failures > 0)) process.exitCode = 1;
  } finally {
    await server?.stop();
    await database.destroy();
  }
}

runBench(main);
