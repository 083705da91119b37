/** Embedded PostgreSQL (PGlite): one connection in this process, transactions hold it exclusively. */
import { chmodSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite, types } from "@electric-sql/pglite";
import { copyStatement, type Database, eventsChannel, transactionScope } from "./db.ts";

/**
 * Makes the data directory private to its owner: PGlite's file layer creates files 0666 whatever the umask,
 * so directories become 0700 and files 0600 (the modes PostgreSQL itself uses).
 */
export function restrictDataDir(dir: string) {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) restrictDataDir(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

export interface PgliteDatabase extends Database {
  /** The whole data directory as one archive, which `openPglite` can start from. */
  snapshot(): Promise<Blob>;
}

/**
 * PGlite's own start parameters, and shared buffers of 32 MB instead of PostgreSQL's 128 MB: they live in the
 * server's WebAssembly memory, which is resident from the start and never shrinks, so the default alone
 * made a third of the server's memory. A bench-sized database reads and writes no slower with a quarter of
 * it (measured in docs/performance.md, "Memory of the embedded database").
 */
const START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

/**
 * Opens PGlite in `dataDir`, or in memory when it is undefined. A new database starts from `snapshot` when
 * one is given (an archive made by `snapshot()`), which skips initdb and whatever the archive already holds.
 */
export async function openPglite(dataDir?: string, snapshot?: Blob): Promise<PgliteDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pg = await PGlite.create(dataDir ?? "memory://", {
    startParams: START_PARAMS,
    parsers: { [types.INT8]: (value: string) => Number(value) },
    ...(snapshot ? { loadDataDir: snapshot } : {}),
  });
  // Tightened once open (files made by the first start) and again on close (files made while running);
  // the 0700 directory keeps other users out of files created in between.
  if (dataDir) restrictDataDir(dataDir);
  const db: PgliteDatabase = {
    kind: "pglite",
    snapshot: () => pg.dumpDataDir("none"),
    engineMemoryBytes: () => pg.Module.wasmMemory.buffer.byteLength,
    async query(text, params) {
      const result = await pg.query(text, params as unknown[] | undefined);
      return result.rows as never;
    },
    async exec(script) {
      await pg.exec(script);
    },
    async copyFrom(table, columns, data) {
      await pg.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([data]) });
    },
    bitmapQuery(text, params) {
      return this.transaction((tx) => tx.bitmapQuery(text, params));
    },
    transaction(work) {
      return pg.transaction((tx) =>
        work(
          transactionScope(
            async (text, params) => {
              const result = await tx.query(text, params as unknown[] | undefined);
              return result.rows as never;
            },
            async (script) => {
              await tx.exec(script);
            },
            async (table, columns, data) => {
              await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([data]) });
            },
          ),
        ),
      );
    },
    async ping() {
      await pg.query("select 1");
    },
    async listen(onCommit) {
      const stop = await pg.listen(await eventsChannel(db), onCommit);
      return async () => {
        if (!pg.closed) await stop();
      };
    },
    async close() {
      if (pg.closed) return;
      await pg.close();
      if (dataDir) restrictDataDir(dataDir);
    },
  };
  return db;
}
