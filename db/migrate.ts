// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { databaseOptionsFromEnv, openDatabase } from "./client";
import { prepareDatabase } from "./prepare";

async function main() {
  const options = databaseOptionsFromEnv();
  const handle = openDatabase(options);
  try {
    await prepareDatabase(handle);
    console.log(`Migrations applied (${handle.driver === "pglite" ? `embedded database in ${options.dataDir}` : "PostgreSQL"}).`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
