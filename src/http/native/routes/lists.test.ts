import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertProblem, createCase, me, patchCase } from "../../../../test/native.ts";
import { buildTestApp } from "../../../../test/setup.ts";
import { operatorOf } from "../../../cli/operator.ts";
import { syntheticCases } from "../../../cli/synthetic-cases.ts";
import { importCases } from "../../../ops/cases/import-cases.ts";
import { EXACT_COUNT_LIMIT } from "../../../store/count.ts";

describe("every list behaves alike", async () => {
  const t = await buildTestApp();
  const post = async (url: string, payload: object) => {
    const res = await t.request({ method: "POST", url, payload });
    assert.equal(res.statusCode, 201, `${url}: ${res.body}`);
    return res.json() as { id: string };
  };
  const { accountId } = await me(t);
  await post("/api/v1/queues", { name: "Second" });
  await post("/api/v1/users", { accountId, email: "two@example.com", name: "Two" });
  await post("/api/v1/accounts", { name: "Client", type: "client" });
  await post("/api/v1/keys", { name: "second", scopes: ["cases:read"] });
  await post("/api/v1/fields", { object: "case", key: "a", label: "A", type: "text" });
  await post("/api/v1/fields", { object: "case", key: "b", label: "B", type: "text" });
  await post("/api/v1/contacts", { name: "One", email: "one@c.example" });
  await post("/api/v1/contacts", { name: "Two", email: "two@c.example" });
  const c = await createCase(t, {
    title: "Listed",
    timeline: [
      { kind: "note", body: "1" },
      { kind: "note", body: "2" },
    ],
  });
  await createCase(t, { title: "Listed too" });
  await patchCase(t, c.id, { priority: "high" });

  const LISTS = [
    "/api/v1/queues",
    "/api/v1/users",
    "/api/v1/accounts",
    "/api/v1/keys",
    "/api/v1/fields",
    "/api/v1/contacts",
    "/api/v1/cases",
    `/api/v1/cases/${c.id}/timeline`,
    `/api/v1/cases/${c.id}/history`,
  ];
  const get = async (url: string) => {
    const res = await t.request({ method: "GET", url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json() as {
      data: { id: string }[];
      next: string | null;
      total?: number;
      totalExact?: boolean;
    };
  };

  test("limit and cursor page through each list, and next is null on the last page", async () => {
    for (const list of LISTS) {
      const first = await get(`${list}?limit=1`);
      assert.equal(first.data.length, 1, list);
      assert.equal(typeof first.next, "string", `${list} has a next page`);
      assert.equal(first.total, undefined, "no total unless asked");
      const second = await get(`${list}?limit=1&cursor=${encodeURIComponent(first.next!)}`);
      assert.equal(second.data.length, 1, list);
      assert.notEqual(second.data[0]!.id, first.data[0]!.id, `${list}: the cursor moves on`);
      const all = await get(`${list}?limit=500`);
      assert.equal(all.next, null, list);
    }
  });

  test("count=true adds the list's total; unknown parameters and bad cursors are refused by name", async () => {
    for (const list of LISTS) {
      const all = await get(`${list}?limit=500`);
      const counted = await get(`${list}?limit=1&count=true`);
      assert.equal(counted.total, all.data.length, list);
      assert.equal(counted.totalExact, true, list);
      assertProblem(
        await t.request({ method: "GET", url: `${list}?colour=red` }),
        400,
        "validation_failed",
        "query.colour",
      );
      assertProblem(
        await t.request({ method: "GET", url: `${list}?limit=0` }),
        400,
        "validation_failed",
        "query.limit",
      );
      assertProblem(
        await t.request({ method: "GET", url: `${list}?cursor=junk` }),
        400,
        "validation_failed",
        "query.cursor",
      );
    }
  });

  test(`past ${EXACT_COUNT_LIMIT} matches the total is the database's estimate, and says so`, async () => {
    const { actor } = await operatorOf(t.db, "default");
    await importCases(
      { db: t.db, now: () => new Date(t.clock.now) },
      actor,
      syntheticCases(EXACT_COUNT_LIMIT + 500, new Date(t.clock.now)),
    );
    await t.db.exec("analyze cases");
    const counted = await get("/api/v1/cases?limit=1&count=true");
    assert.equal(counted.totalExact, false);
    assert.ok(counted.total! > EXACT_COUNT_LIMIT, `estimated ${counted.total}`);
    const few = await get("/api/v1/cases?limit=1&count=true&q=Listed");
    assert.deepEqual([few.total, few.totalExact], [2, true]);
    // Matches older than the newest thousand cases are read through the GIN indexes, and come in the list's order.
    const listed = await t.request({ method: "GET", url: "/api/v1/cases?q=Listed&sort=-number" });
    assert.deepEqual(
      (listed.json() as { data: { title: string }[] }).data.map((found) => found.title),
      ["Listed too", "Listed"],
    );
    // Each alone matches cases, together none: answered from the empty status and tag pair.
    assert.equal((await get("/api/v1/cases?tag=vpn&limit=1")).data.length, 1);
    assert.equal((await get("/api/v1/cases?status=pending&limit=1")).data.length, 1);
    assert.deepEqual((await get("/api/v1/cases?tag=vpn&status=pending")).data, []);
  });
});
