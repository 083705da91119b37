/**
 * The scale scenario (PostgreSQL): N synthetic cases loaded by `casework import`, then lists, filters,
 * a keyset page deep in the set and free-text search measured over HTTP, each with its EXPLAIN ANALYZE.
 */
import { spawnSync } from "node:child_process";
import { cursorOf, toCaseList } from "../src/http/native/case-input.ts";
import { encodeCursor } from "../src/http/native/cursor.ts";
import { findCases } from "../src/ops/cases/read-cases.ts";
import type { Sql } from "../src/store/db.ts";
import type { BenchDatabase } from "./databases.ts";
import { prepareFixture } from "./fixture.ts";
import { httpLoad } from "./http-load.ts";
import type { Measurement } from "./measure.ts";
import type { BenchOptions } from "./options.ts";
import { startCasework } from "./server-process.ts";

const BIN = new URL("../bin/casework.js", import.meta.url).pathname;

export interface ScaleQuery {
  name: string;
  /** The native list query string, as a client sends it. */
  query: () => Record<string, string>;
}

/** The list queries measured at scale; each must be served by an index. */
export const SCALE_QUERIES: ScaleQuery[] = [
  { name: "list", query: () => ({ status: "open", sort: "-updatedAt", limit: "20" }) },
  {
    name: "filter",
    query: () => ({ status: "on_hold", priority: "urgent", sort: "-createdAt", limit: "20" }),
  },
  // Synthetic vpn cases are never pending: a filter that matches nothing must not walk the whole table.
  { name: "filter-tag-none", query: () => ({ tag: "vpn", status: "pending", limit: "20" }) },
  { name: "filter-tag", query: () => ({ tag: "vpn", status: "open", limit: "20" }) },
  {
    name: "deep-page",
    query: () => ({
      sort: "-number",
      limit: "20",
      cursor: encodeCursor(cursorOf({ field: "number", direction: "desc" }, { value: 1000, number: 1000 })),
    }),
  },
  {
    name: "deep-page-updated",
    query: () => ({
      sort: "updatedAt",
      limit: "20",
      cursor: encodeCursor(
        cursorOf(
          { field: "updatedAt", direction: "asc" },
          { value: new Date(Date.now() - 30 * 86_400_000).toISOString(), number: 1 },
        ),
      ),
    }),
  },
  { name: "search", query: () => ({ q: "scanner", limit: "20" }) },
  { name: "search-rare", query: () => ({ q: "4242", limit: "20" }) },
  // No synthetic case is about an unreachable vpn: a phrase that matches nothing.
  { name: "search-phrase-none", query: () => ({ q: '"vpn unreachable"', limit: "20" }) },
];

export interface ScaleResult {
  cases: number;
  importSeconds: number;
  importOutput: string;
  queries: { name: string; path: string; http: Measurement; explain: string[] }[];
  serverPeakRssMb: number;
}

/** A Sql that runs every query and also keeps its EXPLAIN (ANALYZE, BUFFERS), made with the query's settings. */
function explaining(sql: Sql, plans: string[]): Sql {
  const explained = async (run: Sql["query"], text: string, params?: readonly unknown[]) => {
    const plan = await run<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${text}`, params);
    plans.push(plan.map((row) => row["QUERY PLAN"]).join("\n"));
    return run(text, params);
  };
  return {
    query: (text, params) => explained(sql.query.bind(sql), text, params) as never,
    bitmapQuery: (text, params) => explained(sql.bitmapQuery.bind(sql), text, params) as never,
    exec: (script) => sql.exec(script),
    copyFrom: (table, columns, data) => sql.copyFrom(table, columns, data),
    transaction: (work) => sql.transaction((tx) => work(explaining(tx, plans))),
  };
}

export async function runScale(database: BenchDatabase, options: BenchOptions): Promise<ScaleResult> {
  const db = await database.open();
  const fx = await prepareFixture(db, 0);
  await db.close();
  console.log(`  scale: importing ${options.scale} cases`);
  const started = Date.now();
  const imported = spawnSync(process.execPath, [BIN, "import", "--synthetic", String(options.scale)], {
    env: { ...process.env, ...database.env },
    encoding: "utf8",
  });
  const importSeconds = Math.round((Date.now() - started) / 100) / 10;
  if (imported.status !== 0) throw new Error(`import failed:\n${imported.stdout}${imported.stderr}`);
  // As many server processes as the headline's: with one, the CPU per request is the server's whole CPU.
  const server = await startCasework(
    { ...database.env, CASEWORK_WORKERS: String(options.workers) },
    fx.adminKey,
  );
  const queries: ScaleResult["queries"] = [];
  const planDb = await database.open();
  try {
    for (const spec of SCALE_QUERIES) {
      const query = spec.query();
      const path = `/api/v1/cases?${new URLSearchParams(query)}`;
      console.log(`  scale ${spec.name}: HTTP`);
      const http = await httpLoad(
        { ...server, adminKey: fx.adminKey },
        { name: spec.name, status: 200, request: () => ({ method: "GET", path }), direct: async () => {} },
        fx,
        // Many queries at scale: a shorter run each keeps the whole bench within its ten minutes.
        { connections: options.connections, duration: Math.min(options.duration, 3) },
      );
      const explain: string[] = [];
      await findCases(
        { db: explaining(planDb, explain), now: () => new Date() },
        fx.actor,
        toCaseList({ ...query, limit: Number(query.limit) } as never),
      );
      queries.push({ name: spec.name, path, http, explain });
    }
    return {
      cases: options.scale,
      importSeconds,
      importOutput: imported.stdout.trim(),
      queries,
      serverPeakRssMb: server.peakRssMb(),
    };
  } finally {
    await planDb.close();
    await server.stop();
  }
}
