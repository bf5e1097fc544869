// `npm run bench:limits`: what the abuse limits add to a request. proxy.ts reads the join limit before
// a join page renders (a peek); pressing Join spends an attempt and gives it back. Prints the
// median and 95th percentile of each, over 2,000 sequential calls with 10,000 other clients' counters
// in the table, on the database of DATABASE_URL (or embedded PGlite).
import { createScratchDatabase } from "@/test/support/test-database";
import { peekLimit, spendLimit } from "@/lib/rate-limit/abuse-limits";

const CALLS = 2_000;
const OTHER_CLIENTS = 10_000;

async function timed(label: string, call: (index: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let index = 0; index < CALLS; index++) {
    const started = performance.now();
    await call(index);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (share: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * share))]!.toFixed(2);
  console.log(`${label.padEnd(44)} median ${at(0.5)} ms, p95 ${at(0.95)} ms`);
}

async function main() {
  const handle = await createScratchDatabase({ prefix: "roster_bench_limits" });
  try {
    const now = new Date();
    for (let client = 0; client < OTHER_CLIENTS; client++) await spendLimit(handle.db, "joinFailuresPerIp", { key: `10.1.${client >> 8}.${client & 255}`, now });
    console.log(`${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}, ${OTHER_CLIENTS} other clients counted`);
    await timed("peek: join limit (proxy, every /join/… open)", (index) =>
      peekLimit(handle.db, "joinFailuresPerIp", { key: `192.0.2.${index % 200}`, now: new Date() }),
    );
    await timed("spend and give back: join attempt (Join)", async (index) => {
      const attempt = await spendLimit(handle.db, "joinFailuresPerIp", { key: `198.51.100.${index % 200}`, now: new Date() });
      if (!attempt.limited) await attempt.giveBack();
    });
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
