import { eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emails, members } from "@/db/schema";
import { withBodies } from "@/lib/email/outbox";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { inviter, person, readyOrganization } from "@/test/fixtures/invitations";
import { joinActionId, sleep, startAppServer, type AppServer } from "@/test/support/app-server";
import { expectConsistentOrganization } from "./invariants";
import { startLoad, type Sample } from "./load";
import { postgresBinDir, startPrivatePostgres, type PrivatePostgres } from "@/test/support/private-postgres";
import { createServerDatabase, type ServerDatabase } from "@/test/support/server-database";

/**
 * PostgreSQL goes away under load and comes back; the app is never restarted. While it is down every
 * request gets an answer within the timeout (a readable page, the join form's error outcome, a 503
 * from the health check); once it is back, requests succeed again. Runs in the PostgreSQL pass of
 * `npm run test:stress`, on a private cluster of its own (never the DATABASE_URL server).
 */
const PORT = Number(process.env.STRESS_OUTAGE_APP_PORT ?? 3111);
const REQUEST_TIMEOUT_MS = 15_000;
const INVITED = 400;
const binDir = postgresBinDir();

let cluster: PrivatePostgres | undefined;
let database: ServerDatabase | undefined;
let server: AppServer | undefined;
let organizationId: string;
let tokens: string[] = [];

beforeAll(async () => {
  if (!process.env.DATABASE_URL || !binDir) return;
  cluster = await startPrivatePostgres(binDir);
  database = await createServerDatabase(cluster.url);
  const handle = await database.open();
  try {
    organizationId = (await readyOrganization(handle.db, new Date())).id;
    const rows = Array.from({ length: INVITED }, (_, index) => person(`outage${index}@acme.test`));
    const invited = await inviteUsers(handle.db, { organizationId, inviter, rows, now: new Date() });
    if (!invited.ok) throw new Error(invited.message);
    const mail = await withBodies(handle.db, await handle.db.select().from(emails).where(eq(emails.kind, "invitation")));
    tokens = mail.map((row) => /\/join\/([A-Za-z0-9_-]{43})/.exec(row.text)![1]!);
  } finally {
    await handle.close();
  }
  server = await startAppServer({ port: PORT, env: database.env });
});
afterAll(async () => {
  await server?.stop();
  try {
    await database?.destroy();
  } finally {
    cluster?.destroy();
  }
});

const answered = (sample: Sample) => sample.status !== "no answer";
const describeSummary = (samples: Sample[]) =>
  JSON.stringify(
    Object.entries(
      samples.reduce<Record<string, number>>((counts, s) => {
        const key = `${s.kind} ${s.status} ${s.said}`;
        counts[key] = (counts[key] ?? 0) + 1;
        return counts;
      }, {}),
    ),
  );

describe.runIf(process.env.DATABASE_URL && binDir)("PostgreSQL stopped and restarted under load", () => {
  it("requests fail cleanly while it is down and succeed after, without restarting the app", async () => {
    const app = server!;
    const pid = app.process.pid;
    let phase = "up0";
    const load = startLoad(app, {
      workers: 6,
      actionId: joinActionId(),
      tokens: tokens.slice(1),
      pageToken: tokens[0]!,
      timeoutMs: REQUEST_TIMEOUT_MS,
      phase: () => phase,
    });
    const recoveries: number[] = [];
    const healthWhileFrozen: { status: number; database: string | undefined; ms: number }[] = [];
    try {
      await sleep(3_000);
      for (const [round, mode] of (["fast", "immediate"] as const).entries()) {
        cluster!.stop(mode);
        phase = `down${round}`;
        await sleep(5_000);
        phase = `restarting${round}`;
        const restarted = Date.now();
        cluster!.start();
        // The app finds the database again by itself: its health check says "up" within seconds.
        while ((load.samples.at(-1)?.startPhase !== phase || !healthUpSince(load.samples, phase)) && Date.now() - restarted < 30_000) {
          await sleep(200);
        }
        recoveries.push(Date.now() - restarted);
        expect(healthUpSince(load.samples, phase), `database ${mode}-stopped: health never said up again`).toBe(true);
        // Connections of the pool that were mid-reconnect may still fail one request: allow a second.
        phase = `settling${round}`;
        await sleep(1_000);
        phase = `up${round + 1}`;
        await sleep(3_000);
      }
      // A database that hangs rather than refuses: the health check still answers, 503 within its bound.
      phase = "frozen";
      cluster!.freeze();
      try {
        for (let probe = 0; probe < 3; probe++) healthWhileFrozen.push(await timedHealth(app));
      } finally {
        cluster!.thaw();
      }
      phase = "thawed";
      await sleep(3_000);
    } finally {
      phase = "done";
      await load.stop();
    }
    const samples = load.samples;
    // postgres.js 3.4.9 can throw from a timer when a connection closes mid-transaction (upstream
    // issues #1154, #1208); Next.js logs it and carries on. Counted here so that it stays visible.
    const uncaught = app.output().split("uncaughtException").length - 1;
    const slowest = Math.max(...samples.map((sample) => sample.ms));
    console.log(
      `outage: ${samples.length} requests, back up after ${recoveries.join(" ms and ")} ms, slowest answer ${slowest} ms, ` +
        `health while frozen ${healthWhileFrozen.map((probe) => `${probe.status} in ${probe.ms} ms`).join(", ")}, ` +
        `${uncaught} uncaught exceptions logged; ${describeSummary(samples)}`,
    );

    // No crash, no hang: the same server process answered every request within the timeout.
    expect(app.process.exitCode).toBeNull();
    expect(app.process.pid).toBe(pid);
    expect(samples.filter((sample) => !answered(sample))).toEqual([]);

    // While down: a 503 "down" from the health check, the join page's error page, the form's error outcome.
    const down = samples.filter((sample) => sample.startPhase.startsWith("down") && sample.endPhase.startsWith("down"));
    expect(down.filter((sample) => sample.kind === "health").length).toBeGreaterThan(0);
    const expectedWhenDown = { health: [503, "down"], page: [200, "Something went wrong on our side"], join: [200, "error"] } as const;
    expect(down.filter((s) => s.status !== expectedWhenDown[s.kind][0] || s.said !== expectedWhenDown[s.kind][1])).toEqual([]);
    // Any request, whatever the moment: no 5xx other than the health check's 503, and a readable answer.
    for (const sample of samples) {
      if (sample.kind !== "health") expect(sample.status, JSON.stringify(sample)).toBeLessThan(500);
      expect(sample.said, JSON.stringify(sample)).not.toBeNull();
    }
    for (const probe of healthWhileFrozen) {
      expect(probe).toMatchObject({ status: 503, database: "down" });
      expect(probe.ms).toBeLessThan(3_000);
    }
    // Once back (and in the first phase): everything works, joins enrol.
    const up = samples.filter((sample) => sample.startPhase.startsWith("up") && sample.endPhase === sample.startPhase);
    for (const phaseName of ["up0", "up1", "up2"]) expect(up.filter((s) => s.startPhase === phaseName && s.kind === "join").length).toBeGreaterThan(0);
    const expectedWhenUp = { health: "up", page: "You are invited to join", join: "joined" };
    const failedWhenUp = up.filter((sample) => sample.status !== 200 || sample.said !== expectedWhenUp[sample.kind]);
    // postgres.js 3.4.9 sometimes leaves a connection stuck after a mid-transaction close (upstream
    // #1154, #1208): a request queued behind it fails (cleanly, asserted above). Allow 2% of them.
    if (failedWhenUp.length > 0) console.log(`failed while up: ${JSON.stringify(failedWhenUp)}`);
    expect(failedWhenUp.length).toBeLessThanOrEqual(Math.ceil(up.length * 0.02));

    // Nothing half-done: every enrolment is whole, and every "joined" answer is an enrolment.
    const handle = await database!.open();
    try {
      const enrolled = await handle.db.select({ id: members.id }).from(members).where(isNotNull(members.enrolledAt));
      expect(enrolled.length).toBeGreaterThanOrEqual(samples.filter((sample) => sample.said === "joined").length);
      await expectConsistentOrganization(handle.db, organizationId);
    } finally {
      await handle.close();
    }
  });
});

async function timedHealth(app: AppServer) {
  const started = Date.now();
  const response = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body = (await response.json()) as { database?: string };
  return { status: response.status, database: body.database, ms: Date.now() - started };
}

function healthUpSince(samples: Sample[], phase: string): boolean {
  return samples.some((sample) => sample.startPhase === phase && sample.kind === "health" && sample.said === "up");
}
