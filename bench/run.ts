/** `npm run bench`: every scenario over HTTP against a separate server process, beside its ceilings. */
import { execSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import type { Database, OpContext } from "../src/ops/context.ts";
import { type BenchDatabase, pgliteDatabase, postgresDatabase, reachable } from "./databases.ts";
import { directLoad } from "./direct-load.ts";
import { prepareFixture } from "./fixture.ts";
import { httpLoad, plainLoad } from "./http-load.ts";
import { leanCreateCeiling } from "./lean-create.ts";
import type { Measurement } from "./measure.ts";
import { type BenchOptions, parseOptions } from "./options.ts";
import { captureScript, hasPgbench, runPgbench } from "./pgbench.ts";
import { printDatabase, printScale, ratio } from "./report.ts";
import { runScale, type ScaleResult } from "./scale.ts";
import { SCENARIOS, type Scenario } from "./scenarios.ts";
import { spawnServer, startCasework } from "./server-process.ts";

export interface ScenarioResult {
  scenario: string;
  http: Measurement;
  direct?: Measurement;
  pgbench?: Measurement & { meanMs: number };
  ratios: { toDirect?: number; toBareFastify?: number; toPgbench?: number };
}

/** The two figures the create and read paths are held to, measured in one run at one concurrency. */
export interface Headline {
  connections: number;
  workers: number;
  /** Native creates over HTTP against the lean create transaction replayed by pgbench (target ≥ 0.5). */
  create?: { http: Measurement; leanCreate: Measurement; ratio: number | undefined };
  /** Native gets over HTTP against a bare Fastify route with as many workers (target ≥ 0.3). */
  get?: { http: Measurement; bareFastify: Measurement; ratio: number | undefined };
}

export interface DatabaseResult {
  database: "pglite" | "postgres";
  scenarios: ScenarioResult[];
  headline?: Headline;
  /** The server's peak resident memory over the whole run (VmHWM), MB. */
  serverPeakRssMb: number;
}

const BARE = new URL("./bare-server.ts", import.meta.url).pathname;

function machine() {
  const pg = (() => {
    try {
      return execSync("psql --version", { encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  })();
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: pg,
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

async function bareCeiling(options: BenchOptions): Promise<Measurement> {
  const server = await spawnServer(
    ["--import", "tsx", BARE],
    { ...process.env, BARE_WORKERS: String(options.workers) },
    /listening on (http:\/\/\S+)/,
  );
  try {
    return await plainLoad(server, options);
  } finally {
    await server.stop();
  }
}

async function runDatabase(
  database: BenchDatabase,
  scenarios: Scenario[],
  options: BenchOptions,
  bare: Measurement | undefined,
): Promise<DatabaseResult> {
  const load = { connections: options.connections, duration: options.duration };
  const db = await database.open();
  const fx = await prepareFixture(db, options.seed);
  const direct = new Map<string, Measurement>();
  const scripts = new Map<string, string>();
  try {
    const ctx: OpContext = { db, now: () => new Date() };
    for (const scenario of options.ceilings ? scenarios : []) {
      console.log(`  ${database.kind} ${scenario.name}: op layer`);
      direct.set(scenario.name, await directLoad(ctx, scenario, fx, load));
      if (database.url && hasPgbench()) scripts.set(scenario.name, await captureScript(ctx, scenario, fx));
    }
  } finally {
    await db.close();
  }
  const server = await startCasework(
    { ...database.env, CASEWORK_WORKERS: String(options.workers) },
    fx.adminKey,
  );
  const http = new Map<string, Measurement>();
  let serverPeakRssMb = 0;
  try {
    for (const scenario of scenarios) {
      console.log(`  ${database.kind} ${scenario.name}: HTTP`);
      http.set(scenario.name, await httpLoad({ ...server, adminKey: fx.adminKey }, scenario, fx, load));
    }
    serverPeakRssMb = server.peakRssMb();
  } finally {
    await server.stop();
  }
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const script = scripts.get(scenario.name);
    if (script) console.log(`  ${database.kind} ${scenario.name}: pgbench`);
    const pgbench = script && database.url ? runPgbench(database.url, script, load) : undefined;
    const measured = http.get(scenario.name)!;
    const viaOps = direct.get(scenario.name);
    results.push({
      scenario: scenario.name,
      http: measured,
      ...(viaOps ? { direct: viaOps } : {}),
      ...(pgbench ? { pgbench } : {}),
      ratios: {
        toDirect: ratio(measured, viaOps),
        toBareFastify: ratio(measured, bare),
        toPgbench: ratio(measured, pgbench),
      },
    });
  }
  const lean =
    options.ceilings && database.url && hasPgbench() && http.has("create")
      ? await withDatabase(database, (db) => leanCreateCeiling(db, database.url!, load))
      : undefined;
  return {
    database: database.kind,
    scenarios: results,
    serverPeakRssMb,
    headline: headlineOf(options, http, lean, bare),
  };
}

async function withDatabase<T>(database: BenchDatabase, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await database.open();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function headlineOf(
  options: BenchOptions,
  http: Map<string, Measurement>,
  lean: Measurement | undefined,
  bare: Measurement | undefined,
): Headline {
  const create = http.get("create");
  const get = http.get("get");
  return {
    connections: options.connections,
    workers: options.workers,
    ...(create && lean ? { create: { http: create, leanCreate: lean, ratio: ratio(create, lean) } } : {}),
    ...(get && bare ? { get: { http: get, bareFastify: bare, ratio: ratio(get, bare) } } : {}),
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2), process.env);
  const scenarios = options.scenarios.length
    ? SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.name))
    : SCENARIOS;
  const unknown = options.scenarios.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length)
    throw new Error(
      `Unknown scenario ${unknown.join(", ")}; there are ${SCENARIOS.map((s) => s.name).join(", ")}.`,
    );
  const started = Date.now();
  const result: {
    machine: ReturnType<typeof machine>;
    options: Omit<BenchOptions, "postgresUrl">;
    bareFastify?: Measurement;
    databases: DatabaseResult[];
    scale?: ScaleResult;
    notes: string[];
    seconds?: number;
    loadAverageAtEnd?: number[];
  } = {
    machine: machine(),
    options: { ...options, postgresUrl: undefined } as never,
    databases: [],
    notes: [],
  };
  console.log(
    `Casework bench: ${result.machine.cores} cores, ${result.machine.memoryGb} GB, node ${result.machine.node}`,
  );
  if (options.ceilings) {
    console.log("  bare Fastify ceiling");
    result.bareFastify = await bareCeiling(options);
  }
  const postgres = options.databases.includes("postgres") && (await reachable(options.postgresUrl));
  if (options.databases.includes("postgres") && !postgres)
    result.notes.push(`PostgreSQL at ${new URL(options.postgresUrl).host} did not answer; skipped.`);
  if (!hasPgbench()) result.notes.push("pgbench is not installed; no database ceiling.");
  for (const kind of options.databases) {
    if (kind === "postgres" && !postgres) continue;
    const database = kind === "pglite" ? pgliteDatabase() : await postgresDatabase(options.postgresUrl);
    try {
      const measured = await runDatabase(database, scenarios, options, result.bareFastify);
      result.databases.push(measured);
      printDatabase(measured, result.bareFastify);
    } finally {
      await database.remove();
    }
  }
  if (postgres && options.scale > 0) {
    const database = await postgresDatabase(options.postgresUrl);
    try {
      result.scale = await runScale(database, options);
      printScale(result.scale);
    } finally {
      await database.remove();
    }
  }
  result.seconds = Math.round((Date.now() - started) / 1000);
  result.loadAverageAtEnd = loadavg().map((value) => Math.round(value * 100) / 100);
  for (const note of result.notes) console.log(`note: ${note}`);
  const out =
    options.out ??
    new URL(`./results/${new Date().toISOString().slice(0, 19).replaceAll(":", "-")}.json`, import.meta.url)
      .pathname;
  mkdirSync(new URL("./results/", import.meta.url).pathname, { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote ${out} (${result.seconds} s)`);
}

await main();
