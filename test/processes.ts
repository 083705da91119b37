/** Helpers for tests that run the casework command as a separate process. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli as runCliProgram } from "../src/cli/program.ts";
import { openPglite } from "../src/store/pglite.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { atEnd } from "./cleanup.ts";
import { migratedSnapshot } from "./pglite-snapshot.ts";
import { retryConnecting } from "./retry.ts";

const BIN = new URL("../bin/casework.js", import.meta.url).pathname;

/**
 * Environment for a casework process with a database of its own: a temporary PGlite directory,
 * or, when DATABASE_URL is set, a fresh schema on that PostgreSQL. The PGlite directory holds a migrated
 * database unless `migrated` is false (a first start's initdb costs seconds); a schema starts empty.
 */
export async function isolatedEnv({ migrated = true } = {}): Promise<NodeJS.ProcessEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), "casework-test-"));
  atEnd(() => rmSync(dataDir, { recursive: true, force: true }));
  // One server process per start, whatever the database: a test of several is explicit (src/workers.test.ts),
  // and every further worker would compile the app again on the tests' shared cores.
  const base = { ...process.env, CASEWORK_DATA_DIR: dataDir, LOG_LEVEL: "warn", CASEWORK_WORKERS: "1" };
  const url = process.env.DATABASE_URL;
  if (!url) {
    if (!migrated) return base;
    // The directory starts as a migrated database, as it is after a first start, without running initdb.
    await (await openPglite(dataDir, await migratedSnapshot())).close();
    return base;
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = openPostgres({ url, poolSize: 1, connectTimeoutMs: 30_000 });
  await retryConnecting(() => admin.query(`create schema if not exists ${schema}`));
  atEnd(async () => {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.close();
  });
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  return { ...base, DATABASE_URL: scoped.toString() };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command in this process (fast); `runCli` checks the real executable where it matters. */
export async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const status = await runCliProgram(args, {
    env,
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
  });
  return { status, stdout, stderr };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** What the process wrote to stdout alone. */
  stdout: () => string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
}

/** Starts `casework serve` on a free port and waits until it says where it listens. */
export function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: { ...env, PORT: "0", CASEWORK_SCHEDULER_INTERVAL_MS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stdout = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  atEnd(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    // Generous: a server on a loaded machine may take a minute to compile and migrate; only a hang fails here.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      // The start-up banner ends with how to authenticate.
      if (match && /Try: curl|Authenticate with/.test(output)) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output, stdout: () => stdout, exited });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
