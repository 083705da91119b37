import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildTestApp } from "../test/setup.ts";
import { startScheduler } from "./scheduler.ts";

describe("scheduler", async () => {
  const t = await buildTestApp();

  test("a tick closes resolved cases past the delay and forgets idempotency keys older than a day", async () => {
    await t.request({ method: "PATCH", url: "/api/v1/workspace", payload: { closeDelaySeconds: 3600 } });
    const resolved = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      headers: { "idempotency-key": "resolve-once" },
      payload: { title: "Done already", status: "resolved", resolution: "fixed" },
    });
    assert.equal(resolved.statusCode, 201, resolved.body);
    const id = resolved.json().id;

    const scheduler = startScheduler({ db: t.db, now: () => new Date(t.clock.now) }, 0, t.app.log);
    await scheduler.tick();
    assert.equal((await t.request({ method: "GET", url: `/api/v1/cases/${id}` })).json().status, "resolved");

    t.clock.now = new Date(t.clock.now.getTime() + 25 * 3600 * 1000);
    await scheduler.tick();
    await scheduler.stop();
    const closed = (await t.request({ method: "GET", url: `/api/v1/cases/${id}` })).json();
    assert.equal(closed.status, "closed");
    assert.equal(closed.closedAt, t.clock.now.toISOString());
    const keys = await t.db.query("select key from idempotency_keys");
    assert.deepEqual(keys, [], "the day-old key is gone");
  });
});
