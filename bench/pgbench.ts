/**
 * The database ceiling: the SQL a scenario's op sends, captured from one direct call, replayed by pgbench
 * with the same concurrency. Parameters become literals; a scenario that varies its case gets `:n`, and the
 * timeline entry ids an op takes in its read (`entry_ids`) become random ones, so replayed inserts never collide.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpContext } from "../src/ops/context.ts";
import type { Sql } from "../src/store/db.ts";
import type { Fixture } from "./fixture.ts";
import { type Measurement, round } from "./measure.ts";
import type { Scenario } from "./scenarios.ts";

interface Statement {
  text: string;
  params: readonly unknown[];
  /** The timeline entry ids the statement took, if it took some. */
  entryIds: number[];
}

/** A Sql that records what it runs, with begin/commit around its outermost transaction. */
function recording(sql: Sql, log: (Statement | "begin" | "commit")[], depth = 0): Sql {
  return {
    async query(text, params) {
      const statement: Statement = { text, params: params ?? [], entryIds: [] };
      log.push(statement);
      const rows = await sql.query(text, params);
      const taken = (rows[0] as { entry_ids?: unknown[] } | undefined)?.entry_ids;
      if (Array.isArray(taken)) statement.entryIds = taken.map(Number);
      return rows as never;
    },
    // Recorded as a plain read: pgbench replays it without the planner settings.
    bitmapQuery(text, params) {
      log.push({ text, params: params ?? [], entryIds: [] });
      return sql.bitmapQuery(text, params);
    },
    exec: (script) => sql.exec(script),
    copyFrom: (table, columns, data) => sql.copyFrom(table, columns, data),
    inTransaction: depth > 0,
    async transaction(work) {
      if (depth === 0) log.push("begin");
      const result = await sql.transaction((tx) => work(recording(tx, log, depth + 1)));
      if (depth === 0) log.push("commit");
      return result;
    },
  };
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (value instanceof Uint8Array) text = `\\x${Buffer.from(value).toString("hex")}`;
  else if (Array.isArray(value))
    text = `{${value.map((item) => `"${String(item).replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(",")}}`;
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  return `'${text.replaceAll("'", "''")}'`;
}

/** The pgbench script of one call of the scenario's op. */
export async function captureScript(ctx: OpContext, scenario: Scenario, fx: Fixture): Promise<string> {
  const log: (Statement | "begin" | "commit")[] = [];
  await scenario.direct(fx, { ...ctx, db: recording(ctx.db, log) });
  const caseNumber = fx.lastCase;
  const lines = scenario.variesCase ? [`\\set n random(1, ${fx.seeded})`] : [];
  const entryIds = log.flatMap((item) => (typeof item === "string" ? [] : item.entryIds));
  // Far above the ids the bench's own writes take, so a replayed id is new.
  for (const [i] of entryIds.entries()) lines.push(`\\set e${i} random(1000000000000, 9000000000000000)`);
  for (const item of log) {
    if (item === "begin" || item === "commit") {
      lines.push(`${item};`);
      continue;
    }
    const sql = item.text.replace(/\$(\d+)/g, (_, index: string) => {
      const value = item.params[Number(index) - 1];
      return scenario.variesCase && (value === caseNumber || value === String(caseNumber))
        ? ":n"
        : literal(value);
    });
    const withIds = entryIds.reduce(
      (text, id, i) => text.replace(new RegExp(`"id":${id}(?![0-9])`, "g"), `"id": :e${i}`),
      sql,
    );
    lines.push(`${withIds.replace(/\s+/g, " ").trim()};`);
  }
  return `${lines.join("\n")}\n`;
}

export const hasPgbench = () => spawnSync("pgbench", ["--version"]).status === 0;

export function runPgbench(
  url: string,
  script: string,
  options: { connections: number; duration: number; prepared?: boolean },
): Measurement & { meanMs: number } {
  const dir = mkdtempSync(join(tmpdir(), "casework-pgbench-"));
  try {
    const file = join(dir, "script.sql");
    writeFileSync(file, script);
    const run = spawnSync(
      "pgbench",
      [
        "-n",
        ...(options.prepared ? ["-M", "prepared"] : []),
        "-c",
        String(options.connections),
        "-j",
        "2",
        "-T",
        String(options.duration),
        "-f",
        file,
        url,
      ],
      { encoding: "utf8" },
    );
    const tps = /tps = ([\d.]+)/.exec(run.stdout);
    if (run.status !== 0 || !tps) throw new Error(`pgbench failed:\n${run.stdout}\n${run.stderr}`);
    const processed = Number(/number of transactions actually processed: (\d+)/.exec(run.stdout)?.[1] ?? 0);
    const failed = Number(/number of failed transactions: (\d+)/.exec(run.stdout)?.[1] ?? 0);
    return {
      requestsPerSecond: round(Number(tps[1])),
      p50Ms: null,
      p99Ms: null,
      meanMs: Number(/latency average = ([\d.]+) ms/.exec(run.stdout)?.[1] ?? Number.NaN),
      errors: failed,
      requests: processed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
