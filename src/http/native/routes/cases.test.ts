import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildTestApp } from "../../../../test/setup.ts";

describe("native cases", async () => {
  const t = await buildTestApp();

  test("create, get, patch with If-Match", async () => {
    const created = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: {
        title: "Printer on fire",
        description: "Smoke",
        timeline: [{ kind: "note", body: "Called fire dept" }],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.equal(body.number, 1);
    assert.equal(body.id, "1");
    assert.equal(body.status, "new");
    assert.equal(created.headers.location, "/api/v1/cases/1");
    assert.equal(body.timeline.length, 1);
    assert.equal(body.timeline[0].visibility, "internal");

    const got = await t.request({ method: "GET", url: "/api/v1/cases/1" });
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers.etag, '"1"');

    const patched = await t.request({
      method: "PATCH",
      url: "/api/v1/cases/1",
      headers: { "if-match": '"1"' },
      payload: { priority: "high" },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().revision, 2);
    const stale = await t.request({
      method: "PATCH",
      url: "/api/v1/cases/1",
      headers: { "if-match": '"1"' },
      payload: { priority: "low" },
    });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().code, "revision_mismatch");
  });
});
