import { assertConfiguration, ConfigurationError } from "@/lib/config";
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
  await prepareDatabase(getDatabaseHandle());
}
