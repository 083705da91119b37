/**
 * Webhook delivery under process failure: a server killed with SIGKILL while requests are in flight loses no
 * event (at-least-once: every event arrives after the restart, in order per case), and two servers on one
 * PostgreSQL deliver each event once.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/store/open.ts";
import { startLoad } from "../test/load.ts";
import { isolatedEnv, startServerProcess } from "../test/processes.ts";
import { type Received, startReceiver } from "../test/receiver.ts";

const KEY = "webhook-reliability-admin-key-0123";

async function api(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Waits until the subscription has nothing pending, twice in a row (fan-out may still be adding). */
async function drained(url: string, webhookId: string, ms = 90_000) {
  const end = Date.now() + ms;
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > end) assert.fail("deliveries did not drain");
    const pending = await api(url, "GET", `/webhooks/${webhookId}/deliveries?state=pending&limit=1`);
    quiet = pending.data.length === 0 ? quiet + 1 : 0;
    await sleep(500);
  }
}

/** The case events the outbox holds, by id. */
async function storedCaseEvents(env: NodeJS.ProcessEnv) {
  const db = await openDatabase(loadConfig(env));
  try {
    const rows = await db.query<{ id: number }>(
      "select id from outbox_events where subject_type = 'case' order by id",
    );
    return rows.map((row) => `evt_${row.id}`);
  } finally {
    await db.close();
  }
}

function assertOrderedPerCase(unique: Received[]) {
  const byCase = new Map<string, number[]>();
  for (const r of unique) {
    const list = byCase.get(r.message.subject.id) ?? [];
    list.push(r.message.revision ?? 0);
    byCase.set(r.message.subject.id, list);
  }
  for (const [id, revisions] of byCase)
    assert.deepEqual(
      revisions,
      [...revisions].sort((a, b) => a - b),
      `case ${id} arrived in revision order`,
    );
}

describe("webhook delivery across process failures", async () => {
  const base = {
    CASEWORK_ADMIN_KEY: KEY,
    CASEWORK_RATE_LIMIT: "0",
    CASEWORK_WEBHOOKS_ALLOW_PRIVATE: "true",
    // A short request deadline keeps the lease short: a killed server's deliveries are retried within seconds.
    CASEWORK_WEBHOOK_TIMEOUT_MS: "1000",
  };

  test("SIGKILL mid-delivery: after the restart every event arrives, in order per case", async () => {
    const env = { ...(await isolatedEnv()), ...base };
    // Once ten have arrived the receiver holds every request unanswered while the load goes on, so the kill
    // finds deliveries in flight and events not yet sent, however fast this machine delivers.
    let holding = false;
    const answered = new Set<string>();
    const receiver = await startReceiver((_, entry) => {
      if (holding) return "hang";
      answered.add(entry.id);
      return { status: 200, delayMs: 150 };
    });
    const first = await startServerProcess(env);
    const hook = await api(first.url, "POST", "/webhooks", { url: receiver.url, topics: ["case.*"] });
    const load = startLoad(first.url, KEY, { workers: 4 });
    while (receiver.received.length < 10) await sleep(20);
    holding = true;
    while (receiver.received.length === answered.size) await sleep(20);
    first.child.kill("SIGKILL");
    await first.exited;
    await load.stop();
    holding = false;
    const beforeRestart = answered.size;

    const second = await startServerProcess(env);
    await drained(second.url, hook.id);
    second.child.kill("SIGTERM");
    assert.equal(await second.exited, 0);

    const expected = await storedCaseEvents(env);
    const unique = receiver.unique();
    console.log(
      `${expected.length} case events; ${beforeRestart} answered before the kill, ${receiver.received.length} requests in all`,
    );
    assert.ok(beforeRestart < expected.length, "some events were still to deliver when the server died");
    assert.deepEqual(unique.map((r) => r.id).sort(), [...expected].sort(), "every event arrived");
    assertOrderedPerCase(unique);
  });

  test("two servers on one PostgreSQL deliver each event once", {
    skip: !process.env.DATABASE_URL,
  }, async () => {
    // The default request deadline: an answer that reaches a server after the short one is a failed attempt,
    // rightly tried again, and a loaded machine would make it so; what is tested is that no two servers claim
    // one delivery.
    const env = { ...(await isolatedEnv()), ...base, CASEWORK_WEBHOOK_TIMEOUT_MS: "10000" };
    const receiver = await startReceiver(() => 204);
    const one = await startServerProcess(env);
    const two = await startServerProcess(env);
    const hook = await api(one.url, "POST", "/webhooks", { url: receiver.url, topics: ["case.*"] });
    const loads = [startLoad(one.url, KEY, { workers: 3 }), startLoad(two.url, KEY, { workers: 3 })];
    // The load runs until more than twenty events have arrived, however slow this machine is today.
    await sleep(3000);
    while (receiver.received.length <= 20) await sleep(50);
    await Promise.all(loads.map((load) => load.stop()));
    await drained(one.url, hook.id);
    for (const server of [one, two]) server.child.kill("SIGTERM");
    await Promise.all([one.exited, two.exited]);

    const expected = await storedCaseEvents(env);
    console.log(`${expected.length} case events, ${receiver.received.length} requests`);
    assert.ok(expected.length > 20, "the load made more than twenty events");
    assert.deepEqual(
      receiver.received.map((r) => r.id).sort(),
      [...expected].sort(),
      "each event exactly once",
    );
    assertOrderedPerCase(receiver.unique());
  });
});
