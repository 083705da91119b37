/** PostgreSQL through a pg connection pool. */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { BITMAP_READ_SETTINGS, copyStatement, type Database, eventsChannel, transactionScope } from "./db.ts";
import { listenOn } from "./postgres-listen.ts";

pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 5_000;

/**
 * Every statement runs as a named prepared statement: each connection parses and plans a statement text
 * once and afterwards only binds and executes it, which saves most of the database's CPU on short queries.
 * The name is derived from the text, so one text always has one name.
 */
function prepared(text: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    if (statementNames.size >= MAX_STATEMENT_NAMES) statementNames.clear();
    name = `cw_${createHash("sha256").update(text).digest("base64url").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: params as unknown[] | undefined };
}

export interface PostgresOptions {
  url: string;
  /** Schema to put first on the search path (tests use one schema per run). */
  schema?: string;
  poolSize?: number;
  /** How long to wait for a connection (pool slot or new connection) before failing; default 2 s. */
  connectTimeoutMs?: number;
  /** How long one statement may run before the client gives up on it; 0 (default) = no limit. */
  queryTimeoutMs?: number;
}

/** pg's start-up `options` for `settings` and the schema: `-c name=value` each, or none. */
function startupOptions(options: PostgresOptions, settings: readonly (readonly [string, string])[] = []) {
  const startup = [...settings, ...(options.schema ? [["search_path", options.schema] as const] : [])];
  return startup.length ? { options: startup.map(([name, value]) => `-c ${name}=${value}`).join(" ") } : {};
}

/** A pool of connections to `options`' database, each opened with `settings` (`name = value` pairs). */
function poolOf(
  options: PostgresOptions,
  max: number,
  settings: readonly (readonly [string, string])[],
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max,
    // Fail fast when the database is down or the pool is exhausted: the request becomes a 503 to retry.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2_000,
    ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    ...startupOptions(options, settings),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", () => {});
  return pool;
}

export function openPostgres(options: PostgresOptions): Database {
  const max = options.poolSize ?? 10;
  const pool = poolOf(options, max, []);
  // Bitmap reads run on connections opened with their settings, one round trip each instead of a transaction
  // of four; a few of them, opened when first needed.
  let bitmapPool: pg.Pool | undefined;
  const bitmapReads = () => (bitmapPool ??= poolOf(options, Math.ceil(max / 4), BITMAP_READ_SETTINGS));
  const db: Database = {
    kind: "postgres",
    concurrent: max > 1,
    async query(text, params) {
      const result = await pool.query(prepared(text, params));
      return result.rows;
    },
    async bitmapQuery(text, params) {
      const result = await bitmapReads().query(prepared(text, params));
      return result.rows;
    },
    async exec(script) {
      await pool.query(script);
    },
    copyFrom(table, columns, data) {
      return this.transaction((tx) => tx.copyFrom(table, columns, data));
    },
    async transaction(work) {
      const client = await pool.connect();
      // A client whose connection is cut (database restart) or whose rollback fails is destroyed, not
      // returned to the pool. Its 'error' event must be listened to while it is checked out, or it kills
      // the process; the failing statement rejects on its own.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on("error", onError);
      try {
        await client.query("begin");
        const result = await work(
          transactionScope(
            async (text, params) => (await client.query(prepared(text, params))).rows,
            async (script) => {
              await client.query(script);
            },
            async (table, columns, data) => {
              await pipeline(
                Readable.from([data]),
                client.query(copyFromStdin(copyStatement(table, columns, "stdin"))),
              );
            },
          ),
        );
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    async ping() {
      await pool.query("select 1");
    },
    async listen(onCommit) {
      return listenOn(
        {
          connectionString: options.url,
          ...startupOptions(options),
        },
        await eventsChannel(db),
        onCommit,
      );
    },
    poolStats: () => ({
      max,
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    async close() {
      await Promise.all([pool.end(), bitmapPool?.end()]);
    },
  };
  return db;
}
