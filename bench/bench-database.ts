import type { PGlite } from "@electric-sql/pglite";
import type postgres from "postgres";
import type { DatabaseHandle } from "@/db/client";
import { createScratchDatabase } from "@/test/support/test-database";

/** A raw query on the driver itself, below Drizzle: rows as arrays, as Drizzle asks for them. */
export type DriverQuery = (text: string, params: readonly unknown[]) => Promise<unknown[][]>;

export type BenchDatabase = DatabaseHandle & { label: string; query: DriverQuery };

/** A fresh, migrated database (see createScratchDatabase), with the application's pool size. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const handle = await createScratchDatabase({ prefix: "roster_bench" });
  const query = driverQuery(handle);
  const label =
    handle.driver === "pglite" ? "PGlite (in memory)" : `PostgreSQL ${String((await query("show server_version", []))[0]?.[0] ?? "")}`;
  return { ...handle, label, query };
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
