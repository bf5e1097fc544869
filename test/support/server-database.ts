import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";

/**
 * A database that the test seeds, then hands to an app server, then reads again: a fresh database
 * on DATABASE_URL's server, or an embedded PGlite directory (which only one process may hold at a
 * time, so `open` and `handle.close()` bracket each use).
 */
export type ServerDatabase = {
  /** What the app server needs in its environment to use this database. */
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  destroy(): Promise<void>;
};

export async function createServerDatabase(serverUrl = process.env.DATABASE_URL): Promise<ServerDatabase> {
  if (!serverUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "roster-stress-pglite-"));
    return {
      env: { PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" },
      async open() {
        const handle = openDatabase({ dataDir });
        await prepareDatabase(handle);
        return handle;
      },
      async destroy() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `roster_stress_${randomBytes(5).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    async open() {
      const handle = openDatabase({ url: url.toString(), poolSize: 5 });
      await prepareDatabase(handle);
      return handle;
    },
    async destroy() {
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
