import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  assertProblem,
  caseRoutes,
  createCase,
  getCase,
  historyOf,
  listNumbers,
  me,
  type WireCase,
} from "../../../../test/native.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";
import { createWorkspace } from "../../../ops/workspaces.ts";

async function mintKey(t: TestApp, scopes: string[], userId?: string) {
  const res = await t.request({
    method: "POST",
    url: "/api/v1/keys",
    payload: { name: `key ${scopes.join(" ")}`, scopes, ...(userId ? { userId } : {}) },
  });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json() as { id: string; key: string; scopes: string[]; revokedAt: string | null };
  assert.deepEqual(body.scopes, scopes);
  assert.equal(body.revokedAt, null);
  assert.ok(body.key.length > 20);
  return body;
}

async function snapshot(t: TestApp, id: string) {
  const timeline = await t.request({ method: "GET", url: `/api/v1/cases/${id}/timeline` });
  return { case: await getCase(t, id), history: await historyOf(t, id), timeline: timeline.json() };
}

describe("workspace isolation", async () => {
  const t = await buildTestApp();
  const other = await createWorkspace(t.db, { slug: "other" });
  const otherKey = other.adminKey.secret;
  const admin = await me(t);
  const otherAdmin = await me(t, otherKey);

  const alpha = await createCase(t, {
    title: "Alpha zebra outage",
    requester: { email: "alice@example.com", name: "Alice" },
    assigneeId: admin.id,
    tags: ["vip"],
    timeline: [{ kind: "note", body: "The unicorn password is hunter2" }],
  });
  const beta = await createCase(t, { title: "Beta" });
  const gamma = await createCase(t, { title: "Gamma", parentId: beta.id });
  const theirs = await createCase(t, { title: "Other one" }, otherKey);

  test("each workspace numbers its own cases and sees its own case 1", async () => {
    assert.deepEqual([alpha.number, beta.number, gamma.number], [1, 2, 3]);
    assert.equal(theirs.number, 1);
    assert.notEqual(otherAdmin.id, admin.id);
    assert.equal(theirs.reporterId, otherAdmin.id);
    assert.equal((await getCase(t, "1")).title, "Alpha zebra outage");
    assert.equal((await getCase(t, "1", otherKey)).title, "Other one");
  });

  test("another workspace's cases are a 404 on every route and stay untouched", async () => {
    const before = { beta: await snapshot(t, beta.id), gamma: await snapshot(t, gamma.id) };
    for (const id of [beta.id, gamma.id])
      for (const route of caseRoutes(id)) {
        const res = await t.request({ ...route, key: otherKey });
        assert.equal(res.statusCode, 404, `${route.method} ${route.url}: ${res.body}`);
        assertProblem(res, 404, "case_not_found");
      }
    assert.deepEqual(await snapshot(t, beta.id), before.beta);
    assert.deepEqual(await snapshot(t, gamma.id), before.gamma);
    assert.equal((await getCase(t, "1", otherKey)).revision, 1);
  });

  test("lists and free-text search never cross workspaces", async () => {
    assert.deepEqual(await listNumbers(t), [3, 2, 1]);
    assert.deepEqual(await listNumbers(t, "", otherKey), [1]);
    const theirList = await t.request({ method: "GET", url: "/api/v1/cases", key: otherKey });
    assert.deepEqual(
      theirList.json().data.map((c: WireCase) => c.title),
      ["Other one"],
    );
    for (const query of [
      "q=zebra",
      "q=unicorn",
      "q=hunter2",
      "tag=vip",
      `assigneeId=${admin.id}`,
      `requesterId=${alpha.requesterId}`,
      `parentId=${beta.id}`,
      "trashed=true",
    ])
      assert.deepEqual(await listNumbers(t, query, otherKey), [], query);
    assert.deepEqual(await listNumbers(t, "q=unicorn"), [1]);
    assert.deepEqual(await listNumbers(t, "q=other"), []);

    const trashed = await t.request({ method: "DELETE", url: `/api/v1/cases/${gamma.id}` });
    assert.equal(trashed.statusCode, 200, trashed.body);
    assert.deepEqual(await listNumbers(t, "trashed=true", otherKey), []);
    assert.deepEqual(await listNumbers(t, "trashed=true"), [3]);
    const restored = await t.request({ method: "POST", url: `/api/v1/cases/${gamma.id}/restore` });
    assert.equal(restored.statusCode, 200, restored.body);

    const contacts = await t.request({
      method: "GET",
      url: "/api/v1/contacts?email=alice@example.com",
      key: otherKey,
    });
    assert.equal(contacts.statusCode, 200, contacts.body);
    assert.deepEqual(contacts.json().data, []);
  });

  test("references to another workspace's records do not exist", async () => {
    const queues = await t.request({ method: "GET", url: "/api/v1/queues" });
    const ourQueue = queues.json().data[0].id as string;
    const before = await listNumbers(t, "", otherKey);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "x", queueId: ourQueue }, "queueId"],
      [{ title: "x", assigneeId: admin.id }, "assigneeId"],
      [{ title: "x", reporterId: admin.id }, "reporterId"],
      [{ title: "x", requesterId: alpha.requesterId }, "requesterId"],
      [{ title: "x", parentId: beta.id }, "parentId"],
      [{ title: "x", accountId: admin.accountId }, "accountId"],
    ];
    for (const [payload, field] of cases)
      assertProblem(
        await t.request({ method: "POST", url: "/api/v1/cases", payload, key: otherKey }),
        400,
        "validation_failed",
        field,
      );
    assertProblem(
      await t.request({
        method: "PATCH",
        url: "/api/v1/cases/1",
        payload: { assigneeId: admin.id },
        key: otherKey,
      }),
      400,
      "validation_failed",
      "assigneeId",
    );
    assert.deepEqual(await listNumbers(t, "", otherKey), before);

    // The same email is a different contact in each workspace.
    const theirAlice = await createCase(
      t,
      { title: "Their Alice", requester: { email: "alice@example.com", name: "Other Alice" } },
      otherKey,
    );
    assert.ok(theirAlice.requesterId);
    assert.notEqual(theirAlice.requesterId, alpha.requesterId);
    const ours = await t.request({ method: "GET", url: `/api/v1/contacts/${alpha.requesterId}` });
    assert.equal(ours.json().name, "Alice");
    assertProblem(
      await t.request({ method: "GET", url: `/api/v1/contacts/${alpha.requesterId}`, key: otherKey }),
      404,
      "contact_not_found",
    );
  });

  test("Idempotency-Keys are scoped to the workspace", async () => {
    const payload = { title: "Same key, two workspaces" };
    const headers = { "idempotency-key": "shared-key" };
    const ours = await t.request({ method: "POST", url: "/api/v1/cases", headers, payload });
    const theirsToo = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      headers,
      payload,
      key: otherKey,
    });
    assert.equal(ours.statusCode, 201, ours.body);
    assert.equal(theirsToo.statusCode, 201, theirsToo.body);
    assert.equal(theirsToo.headers["idempotent-replayed"], undefined);
    assert.equal(ours.json().title, theirsToo.json().title);
    assert.notEqual(ours.json().reporterId, theirsToo.json().reporterId);
    assert.equal((await getCase(t, theirsToo.json().id, otherKey)).title, payload.title);
  });

  test("keys are listed and revoked only within their workspace", async () => {
    const reader = await mintKey(t, ["cases:read"]);
    const theirs = await t.request({ method: "GET", url: "/api/v1/keys", key: otherKey });
    assert.equal(theirs.statusCode, 200, theirs.body);
    const theirIds = theirs.json().data.map((k: { id: string }) => k.id);
    assert.equal(theirIds.includes(reader.id), false);
    assertProblem(
      await t.request({ method: "DELETE", url: `/api/v1/keys/${reader.id}`, key: otherKey }),
      404,
      "key_not_found",
    );
    assert.equal((await t.request({ method: "GET", url: "/api/v1/cases", key: reader.key })).statusCode, 200);
  });
});

describe("authentication and scopes", async () => {
  const t = await buildTestApp();
  const c = await createCase(t, { title: "Guarded" });

  const writes = [
    { method: "POST", url: "/api/v1/cases", payload: { title: "x" } },
    { method: "PATCH", url: `/api/v1/cases/${c.id}`, payload: { title: "x" } },
    { method: "DELETE", url: `/api/v1/cases/${c.id}` },
    { method: "DELETE", url: `/api/v1/cases/${c.id}?permanent=true` },
    { method: "POST", url: `/api/v1/cases/${c.id}/restore` },
    { method: "POST", url: `/api/v1/cases/${c.id}/timeline`, payload: { kind: "note", body: "x" } },
  ] as const;
  const reads = [
    { method: "GET", url: "/api/v1/cases" },
    { method: "GET", url: `/api/v1/cases/${c.id}` },
    { method: "GET", url: `/api/v1/cases/${c.id}/timeline` },
    { method: "GET", url: `/api/v1/cases/${c.id}/history` },
  ] as const;

  test("no key is a 401 with WWW-Authenticate, whether or not the case exists", async () => {
    const before = await snapshot(t, c.id);
    for (const route of [...reads, ...writes, { method: "GET", url: "/api/v1/cases/999" }] as const) {
      const res = await t.request({ ...route, key: null });
      assert.equal(res.statusCode, 401, `${route.method} ${route.url}: ${res.body}`);
      assertProblem(res, 401, "unauthenticated");
      assert.equal(res.headers["www-authenticate"], 'Bearer realm="casework"');
    }
    assert.deepEqual(await snapshot(t, c.id), before);
    assert.deepEqual(await listNumbers(t), [1]);
  });

  test("a bad or malformed credential is a 401", async () => {
    const before = await snapshot(t, c.id);
    const headers = [
      { authorization: "Bearer cw_not_a_real_key" },
      { authorization: `Bearer ${t.key}x` },
      { authorization: `Bearer ${t.key.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`user:${t.key}`).toString("base64")}` },
      { authorization: t.key },
      { authorization: "Bearer" },
      { authorization: "Bearer " },
      { authorization: `Bearer ${"k".repeat(600)}` },
      { authorization: `Bearer ${t.key} extra` },
    ];
    for (const header of headers)
      for (const route of [reads[0], writes[0], writes[1]]) {
        const res = await t.request({ ...route, key: null, headers: header });
        assert.equal(
          res.statusCode,
          401,
          `${header.authorization.slice(0, 30)} ${route.method} ${route.url}`,
        );
        assertProblem(res, 401, "unauthenticated");
        assert.equal(res.headers["www-authenticate"], 'Bearer realm="casework"');
      }
    assert.deepEqual(await snapshot(t, c.id), before);
    assert.deepEqual(await listNumbers(t), [1]);
    const lowerCase = await t.request({
      method: "GET",
      url: "/api/v1/cases",
      key: null,
      headers: { authorization: `bearer ${t.key}` },
    });
    assert.equal(lowerCase.statusCode, 200, lowerCase.body);
  });

  test("a read-only key reads, and gets 403 on every write", async () => {
    const reader = await mintKey(t, ["cases:read"]);
    for (const route of reads) {
      const res = await t.request({ ...route, key: reader.key });
      assert.equal(res.statusCode, 200, `${route.method} ${route.url}: ${res.body}`);
    }
    const before = await snapshot(t, c.id);
    const adminWrites = [
      { method: "PATCH", url: "/api/v1/workspace", payload: { resolutionRequired: true } },
      { method: "POST", url: "/api/v1/keys", payload: { name: "escalate", scopes: ["admin"] } },
      { method: "POST", url: "/api/v1/queues", payload: { name: "Sneaky" } },
      { method: "GET", url: "/api/v1/keys" },
    ] as const;
    for (const route of [...writes, ...adminWrites]) {
      const res = await t.request({ ...route, key: reader.key });
      assert.equal(res.statusCode, 403, `${route.method} ${route.url}: ${res.body}`);
      assertProblem(res, 403, "forbidden");
      assert.equal(res.headers["www-authenticate"], undefined);
    }
    assert.deepEqual(await snapshot(t, c.id), before);
    assert.deepEqual(await listNumbers(t), [1]);
    const settings = await t.request({ method: "GET", url: "/api/v1/workspace" });
    assert.equal(settings.json().resolutionRequired, false);
  });

  test("a write key writes; a key cannot carry a scope its creator lacks", async () => {
    const writer = await mintKey(t, ["cases:read", "cases:write"]);
    const created = await createCase(t, { title: "By the writer" }, writer.key);
    assert.equal((await getCase(t, created.id)).title, "By the writer");
    const escalate = await t.request({
      method: "POST",
      url: "/api/v1/keys",
      key: writer.key,
      payload: { name: "escalate", scopes: ["admin"] },
    });
    assertProblem(escalate, 403, "forbidden");
    const trashed = await t.request({
      method: "DELETE",
      url: `/api/v1/cases/${created.id}`,
      key: writer.key,
    });
    assert.equal(trashed.statusCode, 200, trashed.body);
    const purged = await t.request({
      method: "DELETE",
      url: `/api/v1/cases/${created.id}?permanent=true`,
      key: writer.key,
    });
    assert.equal(purged.statusCode, 204, purged.body);
  });

  test("a revoked key is a 401 from then on", async () => {
    const key = await mintKey(t, ["cases:read", "cases:write"]);
    assert.equal((await t.request({ method: "GET", url: "/api/v1/cases", key: key.key })).statusCode, 200);
    const revoked = await t.request({ method: "DELETE", url: `/api/v1/keys/${key.id}` });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.ok(revoked.json().revokedAt);
    for (const route of [reads[0], writes[0]]) {
      const res = await t.request({ ...route, key: key.key });
      assertProblem(res, 401, "unauthenticated");
      assert.equal(res.headers["www-authenticate"], 'Bearer realm="casework"');
    }
    assertProblem(await t.request({ method: "DELETE", url: `/api/v1/keys/${key.id}` }), 404, "key_not_found");
    assert.deepEqual(await listNumbers(t), [1]);
    // Other keys are unaffected.
    assert.equal((await t.request({ method: "GET", url: "/api/v1/cases" })).statusCode, 200);
  });

  test("the key of a deactivated user is a 401", async () => {
    const { accountId } = await me(t);
    const user = await t.request({
      method: "POST",
      url: "/api/v1/users",
      payload: { accountId, email: "leaver@example.com", name: "Leaver" },
    });
    assert.equal(user.statusCode, 201, user.body);
    const key = await mintKey(t, ["cases:read"], user.json().id);
    assert.equal((await t.request({ method: "GET", url: "/api/v1/cases", key: key.key })).statusCode, 200);
    const deactivated = await t.request({
      method: "PATCH",
      url: `/api/v1/users/${user.json().id}`,
      payload: { active: false },
    });
    assert.equal(deactivated.statusCode, 200, deactivated.body);
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/cases", key: key.key }),
      401,
      "unauthenticated",
    );
  });
});
