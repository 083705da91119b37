import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertProblem, createCase, getCase, historyOf } from "../../../../test/native.ts";
import { buildTestApp } from "../../../../test/setup.ts";

describe("read-modify-write of a case", async () => {
  const t = await buildTestApp();
  const field = await t.request({
    method: "POST",
    url: "/api/v1/fields",
    payload: { object: "case", key: "order_no", label: "Order", type: "text", readonly: true },
  });
  assert.equal(field.statusCode, 201, field.body);
  const agentKey = await t.request({
    method: "POST",
    url: "/api/v1/keys",
    payload: { name: "agent", scopes: ["cases:read", "cases:write"] },
  });
  const agent = agentKey.json().key as string;

  test("a case sent back as GET returned it, with one change, is accepted; read-only properties are ignored", async () => {
    const c = await createCase(t, { title: "Echo", customFields: { order_no: "991" } });
    const read = await getCase(t, c.id, agent);
    const patched = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      key: agent,
      payload: {
        ...read,
        title: "Echo, edited",
        number: 999_999,
        revision: 77,
        createdAt: "2000-01-01T00:00:00Z",
      },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const body = patched.json();
    assert.equal(body.title, "Echo, edited");
    assert.equal(body.number, read.number);
    assert.equal(body.revision, read.revision + 1);
    assert.equal(body.createdAt, read.createdAt);
    assert.deepEqual(body.customFields, { order_no: "991" });
    const changes = (await historyOf(t, c.id)).at(-1)!.changes.map((change) => change.field);
    assert.deepEqual(changes, ["title"]);
  });

  test("a read-only field changed, or an unknown property, is still refused by name", async () => {
    const c = await createCase(t, { title: "Guarded", customFields: { order_no: "1" } });
    const read = await getCase(t, c.id, agent);
    const changed = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      key: agent,
      payload: { ...read, customFields: { order_no: "2" } },
    });
    assertProblem(changed, 400, "validation_failed", "customFields.order_no");
    const unknown = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      payload: { ...read, colour: "blue" },
    });
    assertProblem(unknown, 400, "validation_failed", "colour");
    assert.equal((await getCase(t, c.id)).revision, read.revision);
  });
});
