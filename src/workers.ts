/**
 * `casework serve --workers N`: N server processes (node:cluster) accepting on one port. They share nothing
 * but the database, so each is the server a single process would be. The first one starts alone (it applies
 * migrations and prints the start-up text); the others follow once it listens. A signal to the primary stops
 * every worker gracefully, and the primary exits when all have.
 */
import cluster, { type Worker } from "node:cluster";
import type { Config } from "./config.ts";
import { closeOnSignals, startServer } from "./server.ts";

/** Set in the environment of the workers after the first, which print no start-up text. */
const QUIET = "CASEWORK_WORKER_QUIET";

/** Runs this process as one worker: the server, stopped by signals, and a "ready" message once it listens. */
export async function serveAsWorker(config: Config, announce: (line: string) => void): Promise<void> {
  const starting = startServer(config, process.env[QUIET] ? () => {} : announce);
  closeOnSignals(starting);
  await starting;
  process.send?.("ready");
}

function started(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.on("message", (message) => {
      if (message === "ready") resolve();
    });
    worker.on("exit", (code) => reject(new Error(`a worker exited with ${code} while starting`)));
  });
}

/** The primary: forks `count` workers, replaces one that dies while running, stops them all on a signal. */
export async function serveWithWorkers(count: number, announce: (line: string) => void): Promise<void> {
  let stopping = false;
  const fork = (quiet: boolean) => cluster.fork(quiet ? { [QUIET]: "1" } : {});
  /** Stops every worker; the exit code is 1 if one fails to stop cleanly or `failed` already. */
  const stop = (failedAlready = false) => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    let failed = failedAlready;
    let left = running.length;
    if (left === 0) process.exit(failed ? 1 : 0);
    for (const worker of running) {
      // A worker still loading when the signal came ends by the signal itself: it had nothing in flight.
      worker.on("exit", (code, signal) => {
        failed ||= code !== 0 && signal !== "SIGTERM";
        if (--left === 0) process.exit(failed ? 1 : 0);
      });
      worker.process.kill("SIGTERM");
    }
  };
  process.on("SIGTERM", () => stop());
  process.on("SIGINT", () => stop());
  try {
    await started(fork(false));
    await Promise.all(Array.from({ length: count - 1 }, () => started(fork(true))));
  } catch {
    // A worker that ends while starting fails the start (it said why on stderr), unless a signal stopped it.
    if (!stopping) stop(true);
    return;
  }
  announce(`  ${count} worker processes share the port (CASEWORK_WORKERS).`);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`A worker (pid ${worker.process.pid}) exited (${signal ?? code}); starting another.`);
    fork(true);
  });
}
