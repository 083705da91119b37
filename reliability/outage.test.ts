/**
 * Database outage (on a private PostgreSQL: PGlite lives inside the server process and cannot go away on its own).
 * A private PostgreSQL is stopped under load and started again: meanwhile requests fail fast with 503 and
 * Retry-After, the server recovers without a restart, and nothing acknowledged is lost.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { openPostgres } from "../src/store/postgres.ts";
import { assertAcknowledgedStored, halfWrittenCases } from "../test/integrity.ts";
import { startLoad } from "../test/load.ts";
import { postgresBinaries, privatePostgres } from "../test/private-postgres.ts";
import { startServerProcess } from "../test/processes.ts";

const KEY = "outage-test-admin-key-0123456789";
const bin = postgresBinaries();
// The test brings its own PostgreSQL, so it runs wherever the binaries are, with or without DATABASE_URL.
const skip = bin ? false : "no PostgreSQL binaries (initdb, pg_ctl) on this machine";

describe("database outage", () => {
  test("the database stops under load and comes back: 503s meanwhile, recovery without restart", {
    skip,
  }, async () => {
    const pg = await privatePostgres(bin!);
    const dataDir = mkdtempSync(join(tmpdir(), "casework-outage-"));
    after(async () => {
      await pg.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const server = await startServerProcess({
      ...process.env,
      DATABASE_URL: pg.url,
      CASEWORK_DATA_DIR: dataDir,
      CASEWORK_ADMIN_KEY: KEY,
      CASEWORK_RATE_LIMIT: "0",
      DATABASE_CONNECT_TIMEOUT_MS: "1000",
      DATABASE_QUERY_TIMEOUT_MS: "5000",
      LOG_LEVEL: "error",
    });
    const load = startLoad(server.url, KEY, { workers: 6, timeoutMs: 10_000 });
    after(() => load.stop());
    while (load.answered() < 30) await sleep(10);

    await pg.stop("fast");
    // Twenty more refusals while the database is down: requests keep being answered, not queued.
    const refusedAtStop = load.acknowledged.refusals.length;
    for (let waited = 0; load.acknowledged.refusals.length < refusedAtStop + 20; waited++) {
      assert.ok(
        waited < 3000,
        `no 503s during the outage: ${JSON.stringify(load.acknowledged.unanswered.slice(0, 3))}\n${server.output()}`,
      );
      assert.equal(server.child.exitCode, null, `the server died in the outage:\n${server.output()}`);
      await sleep(10);
    }
    assert.equal((await fetch(`${server.url}/readyz`)).status, 503);

    await pg.start();
    const createsAtRestart = load.acknowledged.creates.size;
    for (let waited = 0; load.acknowledged.creates.size < createsAtRestart + 20; waited++) {
      assert.ok(waited < 3000, "the server recovered once the database was back");
      await sleep(10);
    }
    const run = await load.stop();

    assert.equal(server.child.exitCode, null, "the same server process recovered");
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    assert.deepEqual(
      run.unanswered,
      [],
      "every request got an answer: none hung, the server never went down",
    );
    assert.ok(run.refusals.length >= 20, "the outage was seen");
    for (const refusal of run.refusals) {
      assert.equal(refusal.status, 503, `${refusal.body}\n${server.output().slice(-5000)}`);
      assert.match(String(refusal.contentType), /^application\/problem\+json/);
      assert.equal(JSON.parse(refusal.body).code, "service_unavailable");
      assert.ok(Number(refusal.retryAfter) > 0, "503s carry Retry-After");
    }
    await assertAcknowledgedStored(server.url, KEY, run);
    console.log(
      `outage: ${run.creates.size} creates acknowledged, ${run.refusals.length} requests refused with 503 meanwhile`,
    );
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 0);

    const db = openPostgres({ url: pg.url, poolSize: 1 });
    try {
      assert.deepEqual(await halfWrittenCases(db), []);
    } finally {
      await db.close();
    }
  });
});
