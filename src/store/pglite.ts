/** Embedded PostgreSQL (PGlite): one connection in this process, transactions hold it exclusively. */
import { mkdirSync } from "node:fs";
import { PGlite, types } from "@electric-sql/pglite";
import { copyStatement, type Database, eventsChannel, transactionScope } from "./db.ts";

/** Opens PGlite in `dataDir`, or in memory when it is undefined. */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ?? "memory://", {
    parsers: { [types.INT8]: (value: string) => Number(value) },
  });
  const db: Database = {
    kind: "pglite",
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
      if (!pg.closed) await pg.close();
    },
  };
  return db;
}
