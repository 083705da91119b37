import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, test } from "node:test";
import { isolatedEnv, runCli, startServerProcess } from "../test/processes.ts";

describe("casework serve", async () => {
  const env = await isolatedEnv();

  test("first start prints the URL and an admin key once; data survives a clean restart", async () => {
    const first = await startServerProcess(env);
    const key = /Admin API key \(shown this once, keep it safe\): (cw_\S+)/.exec(first.output())?.[1];
    assert.ok(key, first.output());
    assert.match(first.output(), /API reference: http:\/\/127\.0\.0\.1:\d+\/docs/);
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const created = await fetch(`${first.url}/api/v1/cases`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: "Survives restarts" }),
    });
    assert.equal(created.status, 201);
    const { number } = (await created.json()) as { number: number };
    first.child.kill("SIGTERM");
    assert.equal(await first.exited, 0, first.output());

    const second = await startServerProcess(env);
    assert.doesNotMatch(second.output(), /Admin API key/, "the key is shown only on the first start");
    const read = await fetch(`${second.url}/api/v1/cases/${number}`, { headers });
    assert.equal(read.status, 200);
    assert.equal(((await read.json()) as { title: string }).title, "Survives restarts");
    second.child.kill("SIGINT");
    assert.equal(await second.exited, 0, second.output());
  });

  test("CASEWORK_ADMIN_KEY becomes an admin key of the default workspace", async () => {
    const server = await startServerProcess({ ...env, CASEWORK_ADMIN_KEY: "scripted-admin-key-0123456789" });
    const me = await fetch(`${server.url}/api/v1/me`, {
      headers: { authorization: "Bearer scripted-admin-key-0123456789" },
    });
    assert.equal(me.status, 200);
    const health = await fetch(`${server.url}/readyz`);
    assert.equal(health.status, 200);
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 0);
  });

  test("in-flight requests finish when SIGTERM arrives", async () => {
    const server = await startServerProcess({ ...env, CASEWORK_ADMIN_KEY: "scripted-admin-key-0123456789" });
    const headers = {
      authorization: "Bearer scripted-admin-key-0123456789",
      "content-type": "application/json",
    };
    const requests = Array.from({ length: 20 }, (_, i) =>
      fetch(`${server.url}/api/v1/cases`, {
        method: "POST",
        headers,
        body: JSON.stringify({ title: `burst ${i}` }),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill("SIGTERM");
    const settled = await Promise.allSettled(requests);
    assert.equal(await server.exited, 0, server.output());
    const acknowledged = settled.filter((r) => r.status === "fulfilled" && r.value.status === 201).length;
    for (const r of settled) if (r.status === "fulfilled") assert.ok([201, 503].includes(r.value.status));

    const restarted = await startServerProcess({
      ...env,
      CASEWORK_ADMIN_KEY: "scripted-admin-key-0123456789",
    });
    const list = await fetch(`${restarted.url}/api/v1/cases?q=burst&limit=500`, { headers });
    const { data } = (await list.json()) as { data: unknown[] };
    assert.ok(data.length >= acknowledged, `${data.length} cases stored, ${acknowledged} acknowledged`);
    restarted.child.kill("SIGTERM");
    assert.equal(await restarted.exited, 0);
  });

  test("a second server on the same PGlite data directory is refused", {
    skip: Boolean(process.env.DATABASE_URL),
  }, async () => {
    const server = await startServerProcess(env);
    await assert.rejects(startServerProcess(env), /is in use by process/);
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 0);
  });

  test("a start that cannot bind creates nothing and says why; the next start shows the admin key", async () => {
    const fresh = await isolatedEnv();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    const refused = runCli(["serve"], { ...fresh, PORT: String(port), CASEWORK_SCHEDULER_INTERVAL_MS: "0" });
    taken.close();
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*PORT=`));
    assert.doesNotMatch(refused.stdout + refused.stderr, /Admin API key/);
    const server = await startServerProcess(fresh);
    assert.match(server.output(), /Admin API key \(shown this once, keep it safe\): cw_/);
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 0);
  });

  test("the banner is stdout's only text; request logs are JSON lines on stderr", async () => {
    const server = await startServerProcess({ ...env, LOG_LEVEL: "info" });
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 0);
    const stdout = server.stdout().trim().split("\n");
    assert.match(stdout[0]!, /^Casework is listening on/);
    for (const line of stdout) assert.doesNotMatch(line, /^\{/, "no log line on stdout");
    const logs = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"));
    const completed = logs.map((line) => JSON.parse(line)).filter((line) => line.msg === "request completed");
    assert.equal(completed.length, 1, "one line per request");
    assert.equal(completed[0].req.method, "GET");
    assert.equal(completed[0].req.url, "/healthz");
    assert.equal(completed[0].res.statusCode, 200);
    assert.equal(typeof completed[0].responseTime, "number");
  });
});
