import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertProblem } from "../../../../test/native.ts";
import { buildTestApp } from "../../../../test/setup.ts";

describe("native webhook subscriptions", async () => {
  const t = await buildTestApp();
  const post = (url: string, payload: unknown, key?: string | null) =>
    t.request({ method: "POST", url, payload: payload as object, key });
  const patch = (url: string, payload: unknown) =>
    t.request({ method: "PATCH", url, payload: payload as object });
  const get = (url: string, key?: string | null) => t.request({ method: "GET", url, key });
  const hook = { url: "https://hooks.example.com/casework", topics: ["case.created", "case.status_changed"] };

  test("create answers 201 with the secret once; reads never show it", async () => {
    const res = await post("/api/v1/webhooks", { ...hook, description: "CRM sync" });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.equal(res.headers.location, `/api/v1/webhooks/${created.id}`);
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/=]{44}$/);
    assert.deepEqual(
      { ...created, secret: undefined, createdAt: undefined, updatedAt: undefined },
      {
        id: created.id,
        url: hook.url,
        topics: hook.topics,
        active: true,
        description: "CRM sync",
        status: "healthy",
        failingSince: null,
        lastError: null,
        lastSuccessAt: null,
        previousSecretValidUntil: null,
        secret: undefined,
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    const read = await get(`/api/v1/webhooks/${created.id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().secret, undefined);
    assert.ok(!read.body.includes(created.secret));
    const list = await get("/api/v1/webhooks");
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().data.some((w: { id: string }) => w.id === created.id));
    assert.ok(!list.body.includes(created.secret));
    // The subscription's own change is an event too, without its secret.
    const events = await t.db.query<{ payload: unknown }>(
      "select payload from outbox_events where topic = 'webhook.created' and subject_id = $1",
      [created.id],
    );
    assert.equal(events.length, 1);
    assert.ok(!JSON.stringify(events[0]).includes(created.secret));
  });

  test("patch, rotate with an overlap, delete", async () => {
    const created = (await post("/api/v1/webhooks", hook)).json();
    const changed = await patch(`/api/v1/webhooks/${created.id}`, { active: false, topics: ["contact.*"] });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual([changed.json().active, changed.json().topics], [false, ["contact.*"]]);
    const rotated = await post(`/api/v1/webhooks/${created.id}/rotate-secret`, { overlapSeconds: 3600 });
    assert.equal(rotated.statusCode, 200, rotated.body);
    assert.notEqual(rotated.json().secret, created.secret);
    assert.equal(
      rotated.json().previousSecretValidUntil,
      new Date(t.clock.now.getTime() + 3_600_000).toISOString(),
    );
    const deleted = await t.request({ method: "DELETE", url: `/api/v1/webhooks/${created.id}` });
    assert.equal(deleted.statusCode, 204);
    assertProblem(await get(`/api/v1/webhooks/${created.id}`), 404, "webhook_not_found");
  });

  test("targets: https only, never private, loopback or link-local addresses", async () => {
    for (const url of [
      "http://hooks.example.com/x",
      "https://127.0.0.1/x",
      "https://10.1.2.3/x",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x",
      "https://[::ffff:192.168.0.1]/x",
      "https://localhost:8443/x",
      "ftp://example.com/x",
      "not a url",
      "https://user:pass@example.com/x",
    ])
      assertProblem(await post("/api/v1/webhooks", { ...hook, url }), 400, "validation_failed", "url");
    const changed = await patch("/api/v1/webhooks/1", { url: "https://192.168.1.1/" });
    assert.ok([400, 404].includes(changed.statusCode));
  });

  test("topics come from the catalogue", async () => {
    assertProblem(
      await post("/api/v1/webhooks", { ...hook, topics: ["case.created", "case.exploded"] }),
      400,
      "validation_failed",
      "topics.1",
    );
    assertProblem(await post("/api/v1/webhooks", { ...hook, topics: [] }), 400, "validation_failed");
    assertProblem(await post("/api/v1/webhooks", { url: hook.url }), 400, "validation_failed");
    const all = await post("/api/v1/webhooks", {
      ...hook,
      topics: ["*", "timeline.*", "case.created", "case.created"],
    });
    assert.equal(all.statusCode, 201, all.body);
    assert.deepEqual(all.json().topics, ["*", "timeline.*", "case.created"]);
  });

  test("admin scope only; another workspace's webhook is not there", async () => {
    const minted = await post("/api/v1/keys", { name: "rw", scopes: ["cases:read", "cases:write"] });
    const key = minted.json().key as string;
    assertProblem(await get("/api/v1/webhooks", key), 403, "forbidden");
    assertProblem(await post("/api/v1/webhooks", hook, key), 403, "forbidden");
    assertProblem(await get("/api/v1/webhooks", null), 401, "unauthenticated");
    assertProblem(await get("/api/v1/webhooks/99999999"), 404, "webhook_not_found");
    assertProblem(await get("/api/v1/webhooks/abc"), 404, "webhook_not_found");
  });

  test("deliveries and attempts are listed; an unknown delivery cannot be redelivered", async () => {
    const created = (await post("/api/v1/webhooks", hook)).json();
    const deliveries = await get(`/api/v1/webhooks/${created.id}/deliveries?state=failed&limit=10`);
    assert.equal(deliveries.statusCode, 200, deliveries.body);
    assert.deepEqual(deliveries.json(), { data: [] });
    const attempts = await get(`/api/v1/webhooks/${created.id}/attempts`);
    assert.deepEqual(attempts.json(), { data: [] });
    assertProblem(
      await get(`/api/v1/webhooks/${created.id}/deliveries?state=lost`),
      400,
      "validation_failed",
      "query.state",
    );
    assertProblem(
      await post(`/api/v1/webhooks/${created.id}/deliveries/12345/redeliver`, {}),
      404,
      "delivery_not_found",
    );
  });
});
