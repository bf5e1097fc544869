import type { Database } from "@/db/client";
import { deliverNextBatch } from "./delivery-worker";
import type { MailTransport } from "./mail-transport";

/** Idle workers look for new work this often, for emails queued by other instances. */
const POLL_MS = 2_000;

type Loop = { stop(): Promise<void> };
const globalForWorker = globalThis as unknown as { rosterWakeWorkers?: Set<() => void> };
const sleepers = (globalForWorker.rosterWakeWorkers ??= new Set());

/** Right after a commit that queued email: idle workers of this instance start at once. */
export function wakeDeliveryWorkers(): void {
  for (const wake of [...sleepers]) wake();
}

function sleepUnlessWoken(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      sleepers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    sleepers.add(wake);
  });
}

/**
 * Runs `concurrency` delivery loops in this process until stopped. Calls overlap so that a slow
 * answer does not hold up the next batch; the shared pacing keeps them within the provider's rate.
 */
export function startDeliveryLoops(db: Database, transport: MailTransport, concurrency = 2): Loop {
  let running = true;
  const loop = async () => {
    while (running) {
      try {
        const round = await deliverNextBatch(db, { transport });
        if (round.state === "idle") await sleepUnlessWoken(POLL_MS);
        else if (round.state === "waiting") await sleepUnlessWoken(Math.min(round.ms, POLL_MS * 5));
      } catch (error) {
        // A database hiccup: say so, wait, and carry on. Leases make a half-done round safe.
        console.error("Email delivery round failed", error instanceof Error ? error.message : error);
        await sleepUnlessWoken(POLL_MS);
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    async stop() {
      running = false;
      wakeDeliveryWorkers();
      await Promise.all(loops);
    },
  };
}
