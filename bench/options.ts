/** What one `npm run bench` measures: flags win over environment variables, which win over defaults. */
import { parseArgs } from "node:util";

export interface BenchOptions {
  /** Databases to run on; PostgreSQL only when a server answers. */
  databases: ("pglite" | "postgres")[];
  /** Scenario names to run (all when empty). */
  scenarios: string[];
  /** Seconds each measurement runs. */
  duration: number;
  connections: number;
  /** Server processes of Casework and of the bare Fastify ceiling. */
  workers: number;
  /** Cases loaded before the scenarios run. */
  seed: number;
  /** Cases of the scale scenario (0 skips it); PostgreSQL only. */
  scale: number;
  /** Whether the ceilings (direct op, bare Fastify, pgbench) are measured. */
  ceilings: boolean;
  postgresUrl: string;
  /** Where the JSON result goes (a file under bench/results/ by default). */
  out: string | undefined;
}

const HELP = `npm run bench -- [options]
  --db pglite,postgres      databases (env BENCH_DB; default both, PostgreSQL when reachable)
  --scenario a,b            scenario names (env BENCH_SCENARIOS; default all)
  --duration S              seconds per measurement (env BENCH_DURATION; default 5)
  --connections N           concurrent connections / op callers (env BENCH_CONNECTIONS; default 10)
  --workers N               server processes, Casework's and bare Fastify's (env BENCH_WORKERS; default 1)
  --seed N                  cases loaded before the scenarios (env BENCH_SEED; default 5000)
  --scale N                 cases of the scale scenario on PostgreSQL, 0 = skip (env BENCH_SCALE; default 1000000)
  --no-ceilings             skip the direct-op, bare-Fastify and pgbench ceilings
  --out FILE                result file (default bench/results/<date>.json)
  DATABASE_URL              PostgreSQL to use (default postgres://postgres@127.0.0.1:5432/test)`;

const list = (raw: string | undefined) =>
  (raw ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

function count(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string" },
      scenario: { type: "string" },
      duration: { type: "string" },
      connections: { type: "string" },
      workers: { type: "string" },
      seed: { type: "string" },
      scale: { type: "string" },
      "no-ceilings": { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const databases = list(values.db ?? env.BENCH_DB);
  for (const db of databases)
    if (db !== "pglite" && db !== "postgres")
      throw new Error(`--db takes pglite and/or postgres, not "${db}"`);
  return {
    databases: databases.length ? (databases as BenchOptions["databases"]) : ["pglite", "postgres"],
    scenarios: list(values.scenario ?? env.BENCH_SCENARIOS),
    duration: count("--duration", values.duration ?? env.BENCH_DURATION, 5) || 1,
    connections: count("--connections", values.connections ?? env.BENCH_CONNECTIONS, 10) || 1,
    workers: count("--workers", values.workers ?? env.BENCH_WORKERS, 1) || 1,
    seed: count("--seed", values.seed ?? env.BENCH_SEED, 5000),
    scale: count("--scale", values.scale ?? env.BENCH_SCALE, 1_000_000),
    ceilings: !values["no-ceilings"],
    postgresUrl: env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test",
    out: values.out,
  };
}
