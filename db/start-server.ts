import { assertConfiguration, ConfigurationError } from "@/lib/config";
import { startDeliveryLoops } from "@/lib/email/delivery-loop";
import { mailTransportFromEnv } from "@/lib/email/mail-transport";
import { getDatabaseHandle } from "./client";
import { prepareDatabase } from "./prepare";

/** Check the configuration, then migrate the database: a server with a bad setup stops with a sentence. */
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
  if (process.env.EMAIL_WORKERS !== "0") startDeliveryLoops(handle.db, mailTransportFromEnv());
}
