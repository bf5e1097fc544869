import { getTableColumns, getTableName, sql, type InferInsertModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";

/** `db.execute` answers with an array of rows on postgres.js and with `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * Inserts many rows in one statement whose only parameter is the rows as JSON, expanded by
 * jsonb_to_recordset. Drizzle's own insert builds one parameter per value, about 0.1 ms a row: more
 * than PostgreSQL takes to store it, and 10,000 invitations write 40,000 rows in the admin's
 * transaction. A column no row names keeps its default; one that only some rows name is NULL in the
 * others. Returns each new row's id and the columns asked for, by their database names.
 */
export async function insertRows<Table extends PgTable, Returned extends string = never>(
  db: Database,
  table: Table,
  rows: InferInsertModel<Table>[],
  returning: readonly Returned[] = [],
): Promise<({ id: string } & Record<Returned, string>)[]> {
  if (rows.length === 0) return [];
  const named = (row: unknown, key: string) => (row as Record<string, unknown>)[key];
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((row) => named(row, key) !== undefined));
  const records = rows.map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, named(row, key) ?? null])));
  const names = sql.raw(columns.map(([, column]) => `"${column.name}"`).join(", "));
  const types = sql.raw(columns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(", "));
  const returned = sql.raw(["id", ...returning].map((name) => `"${name}"`).join(", "));
  const result = await db.execute(sql`
    insert into ${sql.identifier(getTableName(table))} (${names})
    select ${names} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${types})
    returning ${returned}`);
  return rowsOf(result);
}
