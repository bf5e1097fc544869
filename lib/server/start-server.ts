import { getDatabaseHandle } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";
import { assertConfiguration, ConfigurationError } from "@/lib/config";
import { startDeliveryLoops } from "@/lib/email/delivery-loop";
import { mailTransportFromEnv } from "@/lib/email/mail-transport";
import { startReminderLoop } from "@/lib/invitations/reminder-loop";
import { webhookWorkerOptionsFromEnv } from "@/lib/webhooks/webhook-config";
import { startWebhookLoops } from "@/lib/webhooks/webhook-loop";

/**
 * Everything a server instance does once when it starts (called from instrumentation.ts): check the
 * configuration (a bad setup stops the server with a sentence), apply pending migrations and create
 * the first organization, then start the email and webhook delivery workers and the reminder pass.
 */
export async function startServer(): Promise<void> {
  try {
    assertConfiguration();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`\nRoster cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const handle = getDatabaseHandle();
  await prepareDatabase(handle);
  // The outbox's delivery workers run in every instance; claims and leases keep them from colliding.
  // With them, the reminder pass (lib/invitations/reminders.ts), once a minute.
  if (process.env.EMAIL_WORKERS !== "0") {
    startDeliveryLoops(handle.db, mailTransportFromEnv());
    startReminderLoop(handle.db);
  }
  // So do the webhook workers, on the same terms (WEBHOOK_WORKERS=0 leaves delivery to the cron route).
  if (process.env.WEBHOOK_WORKERS !== "0") startWebhookLoops(handle.db, webhookWorkerOptionsFromEnv);
}
