/** A fresh database per run: a temporary PGlite directory, or a new database on the PostgreSQL server. */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../src/store/db.ts";
import { openPglite } from "../src/store/pglite.ts";
import { openPostgres } from "../src/store/postgres.ts";

export interface BenchDatabase {
  kind: "pglite" | "postgres";
  /** What a casework process needs in its environment to use this database. */
  env: Record<string, string>;
  /** The PostgreSQL URL of this database (for pgbench), when there is one. */
  url?: string;
  /** Opens it in this process (PGlite: only while no server process holds it). */
  open(): Promise<Database>;
  /** Drops it. */
  remove(): Promise<void>;
}

export function pgliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), "casework-bench-"));
  return {
    kind: "pglite",
    env: { CASEWORK_DATA_DIR: dir },
    open: () => openPglite(dir),
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Whether a PostgreSQL server answers at `url`. */
export async function reachable(url: string): Promise<boolean> {
  const probe = openPostgres({ url, poolSize: 1 });
  try {
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    await probe.close().catch(() => {});
  }
}

/** Creates `casework_bench_<random>` next to the database `serverUrl` names. */
export async function postgresDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `casework_bench_${randomBytes(5).toString("hex")}`;
  const admin = openPostgres({ url: serverUrl, poolSize: 1 });
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    open: async () => openPostgres({ url: url.toString(), poolSize: 10 }),
    async remove() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

/**
 * Runs `measure` on a fresh database of each kind named (`pglite`, `postgres`; PostgreSQL at DATABASE_URL or
 * the local test server), printing each result as one JSON line and dropping the database after.
 */
export async function onEachDatabase(kinds: string, measure: (database: BenchDatabase) => Promise<unknown>) {
  const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  for (const kind of kinds.split(",")) {
    if (kind === "postgres" && !(await reachable(url))) {
      console.log("PostgreSQL does not answer; skipped.");
      continue;
    }
    const database = kind === "postgres" ? await postgresDatabase(url) : pgliteDatabase();
    try {
      console.log(JSON.stringify(await measure(database)));
    } finally {
      await database.remove();
    }
  }
}
