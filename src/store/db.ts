/** The driver seam: one small interface that both PGlite and PostgreSQL (pg) sit behind. */

export interface Sql {
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /** Loads rows in COPY text format into `table` (COPY … FROM STDIN): the fastest bulk path. */
  copyFrom(table: string, columns: readonly string[], data: string): Promise<void>;
  /**
   * Runs one parameterised read with only bitmap index scans allowed (no sequential or plain index scans),
   * planned for its values every time: a read through GIN indexes that the planner would otherwise replace
   * with a walk, on a guess, when it cannot tell how few rows match.
   */
  bitmapQuery<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `work` in a transaction; inside a transaction it joins the one already open. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** True on the handle of an open transaction. */
  readonly inTransaction?: boolean;
  /** True when statements outside an open transaction run beside it, on other connections (a pool of several). */
  readonly concurrent?: boolean;
}

export interface Database extends Sql {
  readonly kind: "pglite" | "postgres";
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /**
   * Calls `onCommit` after each commit that wrote outbox events, in any process on this database (the
   * outbox trigger's NOTIFY); resolves with a function that stops listening.
   */
  listen(onCommit: () => void): Promise<() => Promise<void>>;
  /** The connection pool's state (PostgreSQL); PGlite has one connection and no pool. */
  poolStats?(): PoolStats;
  /** Bytes of the embedded engine's WebAssembly memory (PGlite), which grows and never shrinks. */
  engineMemoryBytes?(): number;
  close(): Promise<void>;
}

export interface PoolStats {
  /** The most connections the pool opens. */
  max: number;
  /** Connections open, in use or idle. */
  total: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
}

/** The notification channel of the schema the events are written in (one per test schema, too). */
export const eventsChannel = async (sql: Sql) =>
  `casework_events_${(await sql.query<{ schema: string }>("select current_schema() as schema"))[0]!.schema}`;

/** The planner settings of `Sql.bitmapQuery`, as `name = value` pairs. */
export const BITMAP_READ_SETTINGS = [
  ["enable_seqscan", "off"],
  ["enable_indexscan", "off"],
  // A prepared statement's generic plan, made without the values, weighs the GIN indexes alike.
  ["plan_cache_mode", "force_custom_plan"],
] as const;

/** Wraps a transaction-scoped query function so nested `transaction()` calls reuse it. */
export function transactionScope(query: Sql["query"], exec: Sql["exec"], copyFrom: Sql["copyFrom"]): Sql {
  const scope: Sql = {
    query,
    exec,
    copyFrom,
    // Set for this one statement and switched back after it: `set local` would last until the transaction ends. A
    // statement that fails aborts the transaction, or the savepoint it runs in, and the settings go with it.
    async bitmapQuery(text, params) {
      await exec(BITMAP_READ_SETTINGS.map(([name, value]) => `set local ${name} = ${value}`).join("; "));
      const rows = await query(text, params);
      await exec(BITMAP_READ_SETTINGS.map(([name]) => `set local ${name} to default`).join("; "));
      return rows as never;
    },
    transaction: (work) => work(scope),
    inTransaction: true,
  };
  return scope;
}

/** The COPY statement that `copyFrom` runs; table and column names come from the store, never from input. */
export const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `copy ${table} (${columns.join(", ")}) from ${source}`;

/** The database refused a statement over a constraint (SQLSTATE class 23): its transaction wrote nothing. */
export function refusedByConstraint(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && code.startsWith("23");
}
