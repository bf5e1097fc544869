import type { Database } from "@/db/client";
import { startWorkerLoops, wakeUps, type WorkerLoops } from "@/lib/server/worker-loops";
import { deliverNextBatch } from "./delivery-worker";
import type { MailTransport } from "./mail-transport";

/** Idle workers look for new work this often, for emails queued by other instances. */
const POLL_MS = 2_000;

const emailWakeUps = wakeUps("rosterWakeWorkers");

/** Right after a commit that queued email: idle workers of this instance start at once. */
export function wakeDeliveryWorkers(): void {
  emailWakeUps.wake();
}

/**
 * Runs `concurrency` delivery loops in this process until stopped. Calls overlap so that a slow
 * answer does not hold up the next batch; the shared pacing keeps them within the provider's rate.
 */
export function startDeliveryLoops(db: Database, transport: MailTransport, concurrency = 2): WorkerLoops {
  return startWorkerLoops({
    label: "Email delivery round",
    concurrency,
    wakeUps: emailWakeUps,
    errorRestMs: POLL_MS,
    round: async () => {
      const round = await deliverNextBatch(db, { transport });
      if (round.state === "idle") return POLL_MS;
      if (round.state === "waiting") return Math.min(round.ms, POLL_MS * 5);
      return 0;
    },
  });
}
