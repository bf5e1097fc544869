import type { Database } from "@/db/client";
import { startWorkerLoops, wakeUps, type WorkerLoops } from "@/lib/server/worker-loops";
import { deliverNextWebhook, type WebhookWorkerOptions } from "./webhook-worker";

/** Idle workers look for due deliveries this often: retries, and events written by other instances. */
const POLL_MS = 2_000;

const webhookWakeUps = wakeUps("rosterWakeWebhookWorkers");

/** Right after a commit that wrote webhook deliveries: idle workers of this instance start at once. */
export function wakeWebhookWorkers(): void {
  webhookWakeUps.wake();
}

/**
 * Runs `concurrency` webhook delivery loops in this process until stopped. Nothing is shared between
 * them but the database: a slow receiver holds up one loop, not the others. Errors are logged by
 * message only, never with a payload or a secret.
 */
export function startWebhookLoops(db: Database, options: () => WebhookWorkerOptions, concurrency = 2): WorkerLoops {
  return startWorkerLoops({
    label: "Webhook delivery round",
    concurrency,
    wakeUps: webhookWakeUps,
    errorRestMs: POLL_MS,
    round: async () => ((await deliverNextWebhook(db, options())).state === "idle" ? POLL_MS : 0),
  });
}
