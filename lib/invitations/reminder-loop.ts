import type { Database } from "@/db/client";
import { authSecret } from "@/lib/config";
import { wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { startWorkerLoops, wakeUps, type WorkerLoops } from "@/lib/server/worker-loops";
import { queueDueReminders } from "./reminders";

/** How often an instance looks for due reminders: a reminder is days ahead, a minute late is nothing. */
export const REMINDER_PASS_MS = 60_000;

/** Runs reminder passes beside the delivery workers (every instance; SKIP LOCKED keeps them apart). */
export function startReminderLoop(db: Database): WorkerLoops {
  return startWorkerLoops({
    label: "Reminder pass",
    concurrency: 1,
    wakeUps: wakeUps("rosterWakeReminders"),
    errorRestMs: REMINDER_PASS_MS,
    round: async () => {
      const pass = await queueDueReminders(db, { now: new Date(), authSecret: authSecret() });
      if (pass.queued > 0) wakeDeliveryWorkers();
      return REMINDER_PASS_MS;
    },
  });
}
