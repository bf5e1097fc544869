import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";

/** A raw query on the driver itself, below Drizzle: rows as arrays, as Drizzle asks for them. */
export type DriverQuery = (text: string, params: readonly unknown[]) => Promise<unknown[][]>;

export type BenchDatabase = DatabaseHandle & { label: string; query: DriverQuery };

/**
 * A fresh, migrated database, like db/test-database.ts: a new database on the PostgreSQL server of
 * DATABASE_URL (dropped again by `close`), or an in-memory PGlite when DATABASE_URL is unset. The
 * pool has the application's default size.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = openDatabase({});
    await prepareDatabase(handle);
    return { ...handle, label: "PGlite (in memory)", query: driverQuery(handle) };
  }
  const name = `roster_bench_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString() });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await handle.close();
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  };
  try {
    await prepareDatabase(handle);
  } catch (error) {
    await close();
    throw error;
  }
  const server = await admin.unsafe<{ server_version: string }[]>("show server_version");
  return { ...handle, label: `PostgreSQL ${server[0]?.server_version ?? ""}`.trim(), query: driverQuery(handle), close };
}

/** The client Drizzle runs on, called the way Drizzle calls it (postgres.js: unnamed statements, array rows). */
function driverQuery(handle: DatabaseHandle): DriverQuery {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.driver === "postgres") {
    const sql = client as postgres.Sql;
    return async (text, params) => sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: false }).values();
  }
  const pglite = client as PGlite;
  return async (text, params) => (await pglite.query<unknown[]>(text, params as unknown[], { rowMode: "array" })).rows;
}
