import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";

/** A scratch database; `url` is its connection string on PostgreSQL, for other clients and processes. */
export type ScratchDatabase = DatabaseHandle & { url: string | null };

/**
 * A fresh, migrated database for a test file or a benchmark: a new database on the PostgreSQL server
 * of DATABASE_URL (dropped again by `close`), or an in-memory PGlite when DATABASE_URL is unset.
 */
export async function createScratchDatabase(options: { prefix: string; poolSize?: number }): Promise<ScratchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = openDatabase({});
    await prepareDatabase(handle);
    return { ...handle, url: null };
  }
  const name = `${options.prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString(), poolSize: options.poolSize });
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
  return { ...handle, close, url: url.toString() };
}

/** Concurrency tests need more connections than the application's default pool. */
export const createTestDatabase = () => createScratchDatabase({ prefix: "roster_test", poolSize: 25 });
