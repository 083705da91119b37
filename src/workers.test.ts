import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { isolatedEnv, runCli, startServerProcess } from "../test/processes.ts";

const KEY = "workers-test-admin-key-0123456789";

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while it was being read.
    }
  }
  return children;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("serve --workers", async () => {
  const env: NodeJS.ProcessEnv = {
    ...(await isolatedEnv()),
    CASEWORK_ADMIN_KEY: KEY,
    CASEWORK_RATE_LIMIT: "0",
  };

  test("two workers answer on one port and all stop cleanly on SIGTERM", {
    skip: !env.DATABASE_URL,
  }, async () => {
    const server = await startServerProcess({ ...env, CASEWORK_WORKERS: "2" });
    const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${server.url}/api/v1/cases`, {
          method: "POST",
          headers,
          body: JSON.stringify({ title: `W ${i}` }),
        }),
      ),
    );
    for (const res of created) assert.equal(res.status, 201);
    const numbers = await Promise.all(
      created.map(async (res) => ((await res.json()) as { number: number }).number),
    );
    assert.deepEqual(
      [...numbers].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => Math.min(...numbers) + i),
    );
    // The primary says so once every worker listens (a loaded machine may take long to start the second).
    for (
      let waited = 0;
      waited < 60_000 && !/2 worker processes share the port/.test(server.stdout());
      waited += 50
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    const workers = childrenOf(server.child.pid!);
    assert.equal(workers.length, 2, "two worker processes");
    assert.match(server.stdout(), /2 worker processes share the port/);
    assert.equal((server.stdout().match(/Casework is listening/g) ?? []).length, 1, "the start-up text once");
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 0);
    assert.deepEqual(workers.filter(alive), []);
  });

  test("more than one worker on the embedded database is refused, naming the setting", () => {
    const { DATABASE_URL: _, ...embedded } = env;
    const result = runCli(["serve", "--workers", "2"], { ...embedded, PORT: "0" });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /CASEWORK_WORKERS above 1 needs PostgreSQL/);
  });
});
