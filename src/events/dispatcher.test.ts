import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { type Received, startReceiver } from "../../test/receiver.ts";
import { testDatabase } from "../../test/setup.ts";
import type { Actor } from "../domain/access.ts";
import { scaledRetry } from "../domain/events/retry.ts";
import { createCase } from "../ops/cases/create-case.ts";
import { updateCase } from "../ops/cases/update-case.ts";
import { authenticate } from "../ops/credentials.ts";
import { attemptsOf, deliveriesOf, redeliver } from "../ops/webhooks/deliveries.ts";
import { createWebhook, getWebhook, updateWebhook } from "../ops/webhooks/subscriptions.ts";
import { bootstrap } from "../ops/workspaces.ts";
import { type DispatcherOptions, startDispatcher } from "./dispatcher.ts";
import { eventHub } from "./hub.ts";

const silent = { warn: () => {}, info: () => {} } as never;

/** Fast enough for a test: 5 s becomes 20 ms; the 24 h limit becomes ~6 min. */
const FAST: DispatcherOptions = {
  timeoutMs: 1500,
  allowPrivate: true,
  concurrency: 8,
  pollMs: 25,
  retry: scaledRetry(0.001),
};

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Per case, the revisions in the order they first arrived. */
function revisionsByCase(received: Received[]): Map<string, number[]> {
  const byCase = new Map<string, number[]>();
  for (const r of received) {
    if (r.message.subject.type !== "case") continue;
    const list = byCase.get(r.message.subject.id) ?? [];
    list.push(r.message.revision ?? 0);
    byCase.set(r.message.subject.id, list);
  }
  return byCase;
}

describe("webhook dispatcher", async () => {
  const db = await testDatabase();
  await bootstrap(db, "dispatch-test-admin-key");
  const actor = (await authenticate(db, "dispatch-test-admin-key")) as Actor;
  const ctx = { db, now: () => new Date(), allowPrivateWebhooks: true };

  test("a receiver that fails, times out and recovers gets every event, signed, in order per case", async () => {
    // 500 three times, then two requests left hanging past the timeout, then every fifth answer a 503.
    const receiver = await startReceiver((n) =>
      n < 3 ? 500 : n < 5 ? "hang" : n % 5 === 0 ? { status: 503, headers: { "retry-after": "0" } } : 204,
    );
    const hook = await createWebhook(ctx, actor, { url: receiver.url, topics: ["case.*", "timeline.added"] });
    assert.match(hook.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const hub = eventHub(db);
    const dispatcher = startDispatcher(ctx, hub, silent, FAST);
    try {
      const numbers: number[] = [];
      for (let i = 0; i < 4; i++)
        numbers.push((await createCase(ctx, actor, { title: `order ${i}` })).case.number);
      for (let round = 0; round < 3; round++)
        for (const number of numbers)
          await updateCase(ctx, actor, number, { changes: { title: `order ${number} round ${round}` } });
      await updateCase(ctx, actor, numbers[0]!, {
        changes: { status: "pending" },
        timeline: [{ kind: "note", body: "waiting on you", visibility: "public" }],
      });
      const expected = numbers.length * 4 + 1;
      await until(() => receiver.unique().length >= expected, `${expected} distinct events`);
      await dispatcher.idle();

      const unique = receiver.unique();
      assert.equal(unique.length, expected, "every event arrived, none twice after dedupe");
      assert.ok(receiver.received.length > unique.length, "failures and timeouts made duplicates happen");
      for (const [number, revisions] of revisionsByCase(unique))
        assert.deepEqual(
          revisions,
          [...revisions].sort((a, b) => a - b),
          `case ${number} in revision order`,
        );
      assert.deepEqual(revisionsByCase(unique).get(String(numbers[0])), [1, 2, 3, 4, 5]);

      const verifier = new StandardWebhook(hook.secret);
      for (const r of receiver.received)
        verifier.verify(r.body, {
          "webhook-id": r.id,
          "webhook-timestamp": r.timestamp,
          "webhook-signature": r.signature,
        });
      const last = unique.find(
        (r) => r.message.revision === 5 && r.message.subject.id === String(numbers[0]),
      );
      const message = last!.message as unknown as Record<string, unknown> & {
        topics: string[];
        subject: { ids: Record<string, unknown> };
        data: {
          object: { status: string };
          changes: { field: string; before: unknown; after: unknown }[];
          entries: { body: string }[];
        };
      };
      assert.deepEqual(message.topics, ["case.updated", "case.status_changed", "timeline.added"]);
      assert.equal(message.type, "case.updated");
      assert.deepEqual(message.subject.ids, {
        native: String(numbers[0]),
        talkdesk: String(numbers[0]),
        khoros: numbers[0],
        mpt: `CAS-0000-0000-${String(numbers[0]).padStart(4, "0")}`,
      });
      assert.equal(message.data.object.status, "pending");
      assert.deepEqual(
        message.data.changes.find((c) => c.field === "status"),
        { field: "status", before: "new", after: "pending" },
      );
      assert.equal(message.data.entries[0]!.body, "waiting on you");
      assert.deepEqual(message.workspace, { id: actor.workspaceId, slug: "default" });

      const attempts = await attemptsOf(ctx, actor, hook.id, { limit: 500 });
      assert.equal(attempts.length, receiver.received.length, "each attempt recorded");
      // A loaded machine may let an answer miss the deadline (a process busy elsewhere runs the timer before it
      // reads the answer), so these are lower bounds: the three 500s and the two hangs are failures either way.
      const failures = attempts.filter((a) => a.status === 500 || a.error?.startsWith("timed out"));
      assert.ok(
        failures.length >= 5,
        `the 500s and hangs are recorded as failures: ${JSON.stringify(failures)}`,
      );
      assert.ok(
        failures.every((a) => a.status !== 500 || a.error?.startsWith("answered 500")),
        "a 500 is recorded as answered",
      );
      assert.ok(attempts.filter((a) => a.error?.startsWith("timed out")).length >= 2, "both hangs timed out");
      assert.ok(
        attempts.every((a) => a.latencyMs >= 0),
        "every attempt has a latency",
      );
      assert.equal((await getWebhook(ctx, actor, hook.id)).failingSince, null);
    } finally {
      await dispatcher.stop();
      await hub.close();
      await updateWebhook(ctx, actor, hook.id, { active: false });
    }
  });

  test("a receiver that never recovers: the delivery fails for good, the subscription says why, redelivery works", async () => {
    let healthy = false;
    const receiver = await startReceiver(() => (healthy ? 200 : 502));
    const hook = await createWebhook(ctx, actor, { url: receiver.url, topics: ["case.created"] });
    const hub = eventHub(db);
    // Giving up after ~1 s of failures.
    const dispatcher = startDispatcher(ctx, hub, silent, {
      ...FAST,
      retry: { ...scaledRetry(0.004), giveUpAfterMs: 3000 },
    });
    try {
      await createCase(ctx, actor, { title: "doomed" });
      await until(
        async () => (await getWebhook(ctx, actor, hook.id)).failingSince !== null,
        "the failing mark",
      );
      const failing = await getWebhook(ctx, actor, hook.id);
      assert.match(failing.lastError ?? "", /failed after \d+ attempts: answered 502/);
      const [failed] = await deliveriesOf(ctx, actor, hook.id, { state: "failed", limit: 10 });
      assert.ok(failed, "the failed delivery is listed");
      assert.ok(failed.attempts >= 2, "it was retried before giving up");
      healthy = true;
      await redeliver(ctx, actor, hook.id, failed.id);
      await until(async () => (await getWebhook(ctx, actor, hook.id)).failingSince === null, "recovery");
      const [delivered] = await deliveriesOf(ctx, actor, hook.id, { state: "delivered", limit: 10 });
      assert.equal(delivered?.id, failed.id);
      assert.equal(receiver.received.at(-1)?.message.type, "case.created");
    } finally {
      await dispatcher.stop();
      await hub.close();
      await updateWebhook(ctx, actor, hook.id, { active: false });
    }
  });

  test("after a rotation both secrets sign until the overlap ends", async () => {
    const receiver = await startReceiver();
    const hook = await createWebhook(ctx, actor, { url: receiver.url, topics: ["case.created"] });
    const rotated = await updateWebhook(ctx, actor, hook.id, { rotateSecret: { overlapMs: 60_000 } });
    assert.notEqual(rotated.secret, hook.secret);
    const hub = eventHub(db);
    const dispatcher = startDispatcher(ctx, hub, silent, FAST);
    try {
      await createCase(ctx, actor, { title: "two signatures" });
      await until(() => receiver.received.length > 0, "the delivery");
      const [r] = receiver.received;
      const headers = {
        "webhook-id": r!.id,
        "webhook-timestamp": r!.timestamp,
        "webhook-signature": r!.signature,
      };
      assert.equal(r!.signature.split(" ").length, 2);
      new StandardWebhook(hook.secret).verify(r!.body, headers);
      new StandardWebhook(rotated.secret).verify(r!.body, headers);
    } finally {
      await dispatcher.stop();
      await hub.close();
      await updateWebhook(ctx, actor, hook.id, { active: false });
    }
  });
});
