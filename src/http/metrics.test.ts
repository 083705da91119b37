import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createCase } from "../../test/native.ts";
import { buildTestApp } from "../../test/setup.ts";

/** The value of one sample line, e.g. `name{a="b"} 3`. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const escaped = `${name}${labels}`.replace(/[{}()[\].*+?^$|\\]/g, "\\$&");
  const match = new RegExp(`^${escaped} (\\S+)$`, "m").exec(text);
  return match ? Number(match[1]) : undefined;
}

describe("GET /metrics", async () => {
  const t = await buildTestApp({ settings: { metrics: true } });
  const off = await buildTestApp();

  test("counts and times requests by route pattern and status, and reports the outbox and memory", async () => {
    await createCase(t, { title: "Counted" });
    await createCase(t, { title: "Counted too" });
    assert.equal((await t.request({ method: "GET", url: "/api/v1/cases/99999" })).statusCode, 404);
    const res = await t.request({ method: "GET", url: "/metrics", key: null });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/plain; version=0\.0\.4/);
    const text = res.body;
    const created = '{method="POST",route="/api/v1/cases",status="201"}';
    assert.equal(sample(text, "casework_http_requests_total", created), 2);
    assert.equal(
      sample(text, "casework_http_requests_total", '{method="GET",route="/api/v1/cases/:id",status="404"}'),
      1,
    );
    assert.equal(sample(text, "casework_http_request_duration_seconds_count", created), 2);
    assert.match(text, /^casework_http_request_duration_seconds_bucket\{le="0\.1",method="POST"/m);
    assert.ok((sample(text, "casework_outbox_pending_events") ?? 0) >= 2, "two creates wrote two events");
    assert.ok((sample(text, "casework_outbox_oldest_pending_age_seconds") ?? -1) >= 0);
    assert.ok((sample(text, "casework_process_resident_memory_bytes") ?? 0) > 0);
    if (t.db.kind === "postgres") {
      assert.equal(sample(text, "casework_db_pool_connections", '{state="max"}'), 10);
      assert.equal(sample(text, "casework_db_engine_memory_bytes"), undefined);
    } else assert.ok((sample(text, "casework_db_engine_memory_bytes") ?? 0) >= 16 * 2 ** 20);
  });

  test("is not served unless CASEWORK_METRICS is set", async () => {
    assert.equal((await off.request({ method: "GET", url: "/metrics", key: null })).statusCode, 404);
  });
});
