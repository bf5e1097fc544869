import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

/** Either driver, typed by what both share; domain code takes this (or a transaction of it). */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Any fixed number works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_ID = 7_404_221;

/** PostgreSQL through postgres.js when a URL is given; otherwise embedded PGlite in `dataDir` (or in memory). */
export function openDatabase(options: { url?: string; dataDir?: string; poolSize?: number }): DatabaseHandle {
  if (options.url) {
    const url = options.url;
    const client = postgres(url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      // After the server restarts or fails over, a request must fail within seconds rather than wait
      // for a connection; broken connections are dropped and replaced on the next query.
      connect_timeout: 5,
      // While the server is down, postgres.js waits longer before each new connection attempt, up to
      // 20 s by default: requests then hang that long. At most a second keeps failures (and recovery) quick.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
      // Idle connections are closed, so a pool does not hold connections a restarted server killed.
      idle_timeout: 60,
      max_lifetime: 30 * 60,
    });
    const db: PostgresJsDatabase<typeof schema> = drizzlePostgres({ client, schema });
    return {
      db,
      driver: "postgres",
      async migrate() {
        // A dedicated connection holds an advisory lock so that two instances starting together
        // do not apply the same migration twice.
        const lockClient = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
          await migratePostgres(drizzlePostgres({ client: lockClient, schema }), { migrationsFolder });
          await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
        } finally {
          await lockClient.end();
        }
      },
      close: () => client.end(),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite({ dataDir: options.dataDir, extensions: { pg_trgm } });
  const db: PgliteDatabase<typeof schema> = drizzlePglite({ client, schema });
  return {
    db,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

export function databaseOptionsFromEnv() {
  return {
    url: process.env.DATABASE_URL || undefined,
    dataDir: process.env.PGLITE_DATA_DIR || path.join(process.cwd(), ".data", "pglite"),
  };
}

// One handle per process, kept on globalThis so that development hot reloads reuse it
// (PGlite allows a single owner of its data directory).
const globalForDb = globalThis as unknown as { rosterDatabase?: DatabaseHandle };

export function getDatabaseHandle(): DatabaseHandle {
  globalForDb.rosterDatabase ??= openDatabase(databaseOptionsFromEnv());
  return globalForDb.rosterDatabase;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}
