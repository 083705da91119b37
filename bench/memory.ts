/**
 * `npm run bench:memory`: what holds the resident memory of a server on the embedded database (PGlite).
 * It starts Casework with metrics on, first on an empty data directory (initdb, migrations, bootstrap), then
 * on one seeded as the bench seeds it, and reads its memory at idle and after each scenario of `--scenario`
 * (default all), each run as `npm run bench` runs it. Each reading splits the resident memory
 * (/proc/<pid>/smaps) into:
 * - **WebAssembly memory**: the anonymous mapping exactly as large as `casework_db_engine_memory_bytes`, the
 *   database's linear memory (its shared buffers, WAL buffers, caches and query memory);
 * - **V8 heap**: `casework_nodejs_heap_size_total_bytes` (JavaScript objects, committed heap);
 * - **files**: mapped files (the node binary, shared libraries);
 * - **other native**: the rest — compiled code (JavaScript and WebAssembly), the compilers' working memory,
 *   malloc arenas, thread stacks, buffers outside the heap.
 */
import { readFileSync } from "node:fs";
import type { Database } from "../src/store/db.ts";
import { pgliteDatabase } from "./databases.ts";
import { type Fixture, prepareFixture } from "./fixture.ts";
import { httpLoad } from "./http-load.ts";
import { parseOptions } from "./options.ts";
import { SCENARIOS } from "./scenarios.ts";
import { type ServerUnderTest, startCasework } from "./server-process.ts";

const MB = 2 ** 20;

interface Mapping {
  bytes: number;
  residentBytes: number;
  anonymous: boolean;
}

function mappings(pid: number): Mapping[] {
  const list: Mapping[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const path = head[1]!;
      list.push({ bytes: 0, residentBytes: 0, anonymous: path === "" || path.startsWith("[") });
      continue;
    }
    const size = /^(Size|Rss):\s+(\d+) kB/.exec(line);
    if (size && list.length)
      list.at(-1)![size[1] === "Size" ? "bytes" : "residentBytes"] = Number(size[2]) * 1024;
  }
  return list;
}

function metric(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, "m").exec(text);
  if (!match) throw new Error(`/metrics has no ${name}`);
  return Number(match[1]);
}

const mb = (bytes: number) => Math.round(bytes / MB);

/** One reading of the server's memory, MB. */
async function reading(server: ServerUnderTest, stage: string) {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const wasmBytes = metric(text, "casework_db_engine_memory_bytes");
  const heapBytes = metric(text, "casework_nodejs_heap_size_total_bytes");
  const maps = mappings(server.pid);
  const resident = maps.reduce((sum, map) => sum + map.residentBytes, 0);
  const wasm = maps.find((map) => map.anonymous && map.bytes === wasmBytes);
  const files = maps.filter((map) => !map.anonymous).reduce((sum, map) => sum + map.residentBytes, 0);
  const wasmResident = wasm?.residentBytes ?? 0;
  return {
    stage,
    "RSS MB": mb(resident),
    "peak MB": server.peakRssMb(),
    "wasm size MB": mb(wasmBytes),
    "wasm resident MB": wasm ? mb(wasmResident) : "?",
    "V8 heap MB": mb(heapBytes),
    "heap used MB": mb(metric(text, "casework_nodejs_heap_size_used_bytes")),
    "files MB": mb(files),
    "other native MB": mb(resident - wasmResident - heapBytes - files),
  };
}

const options = parseOptions(process.argv.slice(2), process.env);
const scenarios = options.scenarios.length
  ? SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.name))
  : SCENARIOS;
const env = { CASEWORK_METRICS: "true" };
const readings: Awaited<ReturnType<typeof reading>>[] = [];

async function withServer(
  databaseEnv: Record<string, string>,
  adminKey: string,
  work: (server: ServerUnderTest) => Promise<void>,
) {
  const server = await startCasework({ ...databaseEnv, ...env }, adminKey);
  try {
    await work(server);
  } finally {
    await server.stop();
  }
}

const empty = pgliteDatabase();
try {
  await withServer(empty.env, "cw_bench_memory_empty_directory_key", async (server) => {
    readings.push(await reading(server, "started on an empty directory (initdb, migrations)"));
  });
} finally {
  await empty.remove();
}

const seeded = pgliteDatabase();
try {
  const db: Database = await seeded.open();
  let fx: Fixture;
  try {
    fx = await prepareFixture(db, options.seed);
  } finally {
    await db.close();
  }
  await withServer(seeded.env, fx.adminKey, async (server) => {
    readings.push(await reading(server, `started on ${options.seed} cases, idle`));
    for (const scenario of scenarios) {
      const load = { connections: options.connections, duration: options.duration };
      await httpLoad({ ...server, adminKey: fx.adminKey }, scenario, fx, load);
      readings.push(await reading(server, `after ${scenario.name}`));
    }
  });
} finally {
  await seeded.remove();
}
console.table(readings);
