/**
 * A PostgreSQL server of a test's own (initdb in a temporary directory, a free port), so a test can stop and
 * start it without touching the machine's shared server. PostgreSQL refuses to run as root, so under root
 * it runs as the `postgres` user.
 */
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** Debian installs each major version under /usr/lib/postgresql/<major>/bin, off the PATH; newest first. */
function binDirs(): string[] {
  const debian = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .filter((major) => /^\d+$/.test(major))
        .sort((a, b) => Number(b) - Number(a))
        .map((major) => `/usr/lib/postgresql/${major}/bin`)
    : [];
  return [...debian, "/usr/local/bin", "/usr/bin"];
}

/** The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBinaries(): string | null {
  return binDirs().find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) ?? null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  url: string;
  start(): Promise<void>;
  /** Stops the server the way an outage does: connections are cut (`-m immediate` is a crash). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Stops the server if it runs and deletes its directory. */
  destroy(): Promise<void>;
}

export async function privatePostgres(bin: string): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), "casework-pg-"));
  const data = join(root, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(root, uid, gid);
  }
  /** Runs a PostgreSQL tool (as the postgres user under root) without blocking the event loop. */
  const run = (tool: string, args: string[]) =>
    promisify(execFile)(
      asRoot ? "runuser" : join(bin, tool),
      asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args,
      { timeout: 60_000 },
    );
  await run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=50`;
  let running = false;
  const start = async () => {
    await run("pg_ctl", ["-D", data, "-o", options, "-l", join(root, "log"), "-w", "-t", "60", "start"]);
    running = true;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    async stop(mode = "fast") {
      await run("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]);
      running = false;
    },
    async destroy() {
      if (running) await run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      running = false;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
