/** The Casework server under test, as a separate process, and the peak of its resident memory. */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const BIN = new URL("../bin/casework.js", import.meta.url).pathname;

export interface ServerUnderTest {
  url: string;
  pid: number;
  /** The process's peak resident memory so far (VmHWM), MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Spawns `script` with node and waits for the line that names its URL. */
export function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  listening = /listening on (http:\/\/\S+)/,
): Promise<ServerUnderTest> {
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = listening.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!.replace("localhost", "127.0.0.1"),
        pid: child.pid!,
        peakRssMb: () => procStatusMb(child.pid!, "VmHWM"),
        async stop() {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

export function startCasework(env: Record<string, string>, adminKey: string): Promise<ServerUnderTest> {
  return spawnServer([BIN, "serve"], {
    ...process.env,
    ...env,
    PORT: "0",
    CASEWORK_ADMIN_KEY: adminKey,
    CASEWORK_SCHEDULER_INTERVAL_MS: "0",
    // One key drives the whole load: the per-key limit would turn the measurement into 429s.
    CASEWORK_RATE_LIMIT: "0",
    LOG_LEVEL: "warn",
  });
}

/** A memory line of /proc/<pid>/status in MB (0 where there is no /proc). */
function procStatusMb(pid: number, line: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`${line}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

const residentMb = (pid: number) => procStatusMb(pid, "VmRSS");

/** Polls the resident memory of `pid` until stopped; returns the peak in MB. */
export function sampleMemory(pid: number): { stop(): number } {
  let peak = residentMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(pid));
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, residentMb(pid)));
    },
  };
}

/**
 * CPU time (user + system) a process and the processes it started (a server's workers) have used so far, in
 * milliseconds (0 where there is no /proc).
 */
export function cpuMs(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name, in clock ticks (1/100 s).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) * 10;
    return childrenOf(pid).reduce((sum, child) => sum + cpuMs(child), own);
  } catch {
    return 0;
  }
}

/** The processes `pid` started that are still running, from every thread's `children` list. */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
  );
}
