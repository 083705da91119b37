/**
 * Crash durability: a server under concurrent create and update load is killed with SIGKILL at a random
 * moment, several times, and restarted on the same data (PGlite's directory, or the same PostgreSQL
 * schema). Everything acknowledged is there, and no case is half-written. The load is concurrent enough for
 * creates to be written in batches (group commit), so kills land in the middle of batches too, and the case
 * numbers stay gapless across them. Half the creates carry an Idempotency-Key; sent again after the crashes,
 * each makes one case in all.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/store/open.ts";
import { assertAcknowledgedStored, halfWrittenCases, mergeAcknowledged } from "../test/integrity.ts";
import { emptyAcknowledged, loadCreate, startLoad } from "../test/load.ts";
import { isolatedEnv, startServerProcess } from "../test/processes.ts";

const KEY = "crash-test-admin-key-0123456789";
const ROUNDS = 3;
/** Concurrent clients of the load: enough for creates to queue behind a committing batch. */
const LOAD_WORKERS = 16;
/** How long the load may take to get going, and a killed or stopped server to exit, before the test fails. */
const DEADLINE_MS = 30_000;

/** Resolves with `promise`, or fails once the deadline passes, so no wait of this test is unbounded. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `done` every 10 ms until it holds, failing after the deadline. */
async function until(done: () => boolean, what: string): Promise<void> {
  const giveUp = Date.now() + DEADLINE_MS;
  while (!done()) {
    if (Date.now() > giveUp) assert.fail(`${what} within ${DEADLINE_MS} ms`);
    await sleep(10);
  }
}

describe("crash durability", async () => {
  const env: NodeJS.ProcessEnv = {
    ...(await isolatedEnv()),
    CASEWORK_ADMIN_KEY: KEY,
    CASEWORK_RATE_LIMIT: "0",
  };

  test("the server refuses to run with synchronous_commit = off", async () => {
    // Its own data directory (or schema): the unsafe setting must not outlive this test or reach another.
    const own: NodeJS.ProcessEnv = { ...(await isolatedEnv()), CASEWORK_ADMIN_KEY: KEY };
    let unsafe: NodeJS.ProcessEnv = own;
    if (own.DATABASE_URL) {
      const url = new URL(own.DATABASE_URL);
      url.searchParams.set("options", `${url.searchParams.get("options") ?? ""} -c synchronous_commit=off`);
      unsafe = { ...own, DATABASE_URL: url.toString() };
    } else {
      const db = await openDatabase(loadConfig(own));
      await db.exec("alter system set synchronous_commit = off");
      await db.close();
    }
    const refused = await startServerProcess(unsafe).then(
      () => assert.fail("the server started"),
      (error: Error) => error.message,
    );
    assert.match(refused, /exited with 1/);
    assert.match(refused, /synchronous_commit = off: acknowledged writes could be lost/);
  });

  test("an acknowledged attachment upload survives SIGKILL, byte for byte", async () => {
    const server = await startServerProcess(env);
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/public/v1/helpdesk${path}`, {
        ...init,
        headers: { authorization: `Bearer ${KEY}`, ...init.headers },
      });
    const opened = await call("/cases", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat: { lastMessage: { content: "A file follows" } } }),
    });
    assert.equal(opened.status, 201);
    const chat = ((await opened.json()) as { chat: { id: string } }).chat.id;
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const body = new FormData();
    body.append("attachment", JSON.stringify({ name: "Survivor" }));
    body.append("file", new Blob([bytes], { type: "application/zip" }), "survivor.zip");
    const uploaded = await call(`/chats/${chat}/attachments`, { method: "POST", body });
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    const { id } = (await uploaded.json()) as { id: string };
    // Killed the moment the answer arrives: what was acknowledged must already be durable.
    server.child.kill("SIGKILL");
    await within(server.exited, "the killed server's exit");
    const again = await startServerProcess(env);
    try {
      const res = await fetch(`${again.url}/public/v1/helpdesk/chats/${chat}/attachments/${id}/download`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      assert.equal(res.status, 200);
      const stored = Buffer.from(await res.arrayBuffer());
      assert.equal(stored.length, bytes.length);
      assert.equal(
        createHash("sha256").update(stored).digest("hex"),
        createHash("sha256").update(bytes).digest("hex"),
      );
    } finally {
      again.child.kill("SIGTERM");
      await within(again.exited, "a clean stop");
    }
  });

  test(`SIGKILL under load, ${ROUNDS} times: nothing acknowledged is lost, nothing is half-written`, async () => {
    const total = emptyAcknowledged();
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServerProcess(env);
      await assertAcknowledgedStored(server.url, KEY, total);
      const load = startLoad(server.url, KEY, { workers: LOAD_WORKERS, run: `round ${round} ` });
      await until(() => load.answered() >= 30, "the load had 30 answers");
      const delay = Math.floor(Math.random() * 1500);
      await sleep(delay);
      server.child.kill("SIGKILL");
      await within(server.exited, "the killed server's exit");
      const run = await within(load.stop(), "stopping the load");
      assert.ok(run.creates.size > 0, "the load made progress before the kill");
      assert.deepEqual(run.refusals, [], "no request was refused while the server ran");
      mergeAcknowledged(total, run);
      console.log(
        `round ${round + 1}: killed ${delay} ms into the load; ${run.creates.size} creates and updates of ` +
          `${[...run.revisions.values()].filter((r) => r > 1).length} cases acknowledged, ` +
          `${run.unanswered.length} requests cut off`,
      );
    }
    const last = await startServerProcess(env);
    await assertAcknowledgedStored(last.url, KEY, total);
    // Every keyed create sent again, as a client whose request was cut off would: the acknowledged ones
    // replay their case, and each of the others makes its case now or replays the one its batch committed.
    for (const create of total.keyed) {
      const res = await fetch(`${last.url}/api/v1/cases`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${KEY}`,
          "content-type": "application/json",
          "idempotency-key": create.key,
        },
        body: JSON.stringify(loadCreate(create)),
      });
      assert.equal(res.status, 201, await res.clone().text());
      const body = (await res.json()) as { number: number; title: string };
      assert.equal(body.title, create.title);
      if (create.number !== null) assert.equal(body.number, create.number, `${create.key} replays its case`);
    }
    last.child.kill("SIGTERM");
    assert.equal(await within(last.exited, "a clean stop"), 0);

    const db = await openDatabase(loadConfig(env));
    try {
      assert.deepEqual(await halfWrittenCases(db), []);
      const [numbering] = await db.query<{ cases: number; last: number; largest_batch: number }>(
        `select count(*)::int as cases, coalesce(max(number), 0)::int as last,
           (select coalesce(max(n), 0)::int from (select count(*) as n from cases group by xmin::text) b) as largest_batch
         from cases`,
      );
      assert.equal(numbering!.last, numbering!.cases, "case numbers have no gap");
      const twice = await db.query("select title from cases group by title having count(*) > 1");
      assert.deepEqual(twice, [], "no create, keyed and sent again, made two cases");
      assert.ok(numbering!.largest_batch > 1, "some creates were written together in one transaction");
    } finally {
      await db.close();
    }
  });
});
