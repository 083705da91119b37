/** MPT case lists: RQL filters and order as the platform's clients send them, pagination, and clear 400s. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT case lists", () => {
  let t: TestApp;
  const ids: string[] = [];
  let queue: string;
  let other: string;
  before(async () => {
    t = await buildTestApp();
    queue = ((await mpt(t, { method: "GET", url: "/helpdesk/queues" })).json() as Json).data[0].id;
    other = (
      (await mpt(t, { method: "POST", url: "/helpdesk/queues", payload: { name: "Other" } })).json() as Json
    ).id;
    for (const [n, content] of [
      "Printer broken",
      "Invoice wrong",
      "Printer *jammed*",
      "Login fails",
    ].entries()) {
      t.clock.now = new Date(Date.UTC(2026, 0, 5 + n));
      const res = await mpt(t, {
        method: "POST",
        url: "/helpdesk/cases",
        payload: { queue: { id: n % 2 ? other : queue }, chat: { lastMessage: { content } } },
      });
      ids.push((res.json() as Json).id);
    }
    await mpt(t, { method: "POST", url: `/helpdesk/cases/${ids[1]}/query` });
    await mpt(t, { method: "POST", url: `/helpdesk/cases/${ids[2]}/complete` });
  });

  const list = async (query: string) => {
    const res = await mpt(t, { method: "GET", url: `/helpdesk/cases?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Json;
  };
  const listed = async (query: string) => (await list(query)).data.map((c: Json) => c.id);

  test("the envelope holds exactly offset, limit and total; the default order is newest first", async () => {
    const body = await list("");
    assert.deepEqual(Object.keys(body), ["$meta", "data"]);
    assert.deepEqual(body.$meta, { pagination: { offset: 0, limit: 10, total: 4 } });
    assert.deepEqual(
      body.data.map((c: Json) => c.id),
      [...ids].reverse(),
    );
  });

  test("limit, offset, limit=0 and the cap of 100", async () => {
    assert.deepEqual(await listed("limit=2&offset=1&order=audit.created.at"), ids.slice(1, 3));
    const counted = await list("limit=0");
    assert.deepEqual(counted.data, []);
    assert.equal(counted.$meta.pagination.total, 4);
    assert.equal((await list("limit=1000")).$meta.pagination.limit, 100);
    assert.deepEqual(await listed("offset=10"), []);
  });

  test("filters: status words, quoted ids, shorthand, in/out, not, ilike with wildcards, dates, null", async () => {
    assert.deepEqual(await listed("eq(status,Querying)"), [ids[1]]);
    assert.deepEqual(await listed("eq(status,completed)"), [ids[2]]);
    assert.deepEqual(await listed("status=Processing&order=+audit.created.at"), [ids[0], ids[3]]);
    assert.deepEqual(await listed(`eq(queue.id,"${other}")&order=id`), [ids[1], ids[3]]);
    assert.deepEqual(await listed(`queue.id=${other}&order=-id`), [ids[3], ids[1]]);
    assert.deepEqual(await listed("in(status,(Querying,Completed))&order=id"), [ids[1], ids[2]]);
    assert.deepEqual(await listed("out(status,(Querying,Completed))&order=id"), [ids[0], ids[3]]);
    assert.deepEqual(await listed("not(eq(status,Processing))&order=id"), [ids[1], ids[2]]);
    assert.deepEqual(await listed("ilike(chat.name,printer*)&order=id"), [ids[0], ids[2]]);
    assert.deepEqual(await listed("ilike(chat.name,*\\*jammed\\**)"), [ids[2]]);
    assert.deepEqual(await listed("ge(audit.created.at,2026-01-07T00:00:00.000Z)&order=id"), [
      ids[2],
      ids[3],
    ]);
    assert.deepEqual(await listed("and(eq(assignee.id,null()),lt(audit.created.at,2026-01-06T00:00:00Z))"), [
      ids[0],
    ]);
    assert.deepEqual(await listed("or(eq(id,CAS-0000-0000-0001),eq(id,CAS-0000-0000-0004))&order=id"), [
      ids[0],
      ids[3],
    ]);
    assert.deepEqual(
      await listed("eq(queryPrompt,empty())&limit=0").then(() => listed("ne(status,Processing)&order=id")),
      [ids[1], ids[2]],
    );
    assert.deepEqual(await listed("eq(awaiting,false)&select=-audit&limit=1&order=id"), [ids[0]]);
    assert.equal("audit" in (await list("select=-audit&limit=1")).data[0], false);
  });

  test("malformed RQL and unknown fields are 400s naming the expression or field, never a 500", async () => {
    for (const [query, field] of [
      ["eq(colour,red)", "colour"],
      ["eq(__proto__,x)", "__proto__"],
      ["eq(status,Sleeping)", "status"],
      ["eq(queue.id,42)", "queue.id"],
      ["gt(status,Processing)", "status"],
      ["eq(audit.created.at,yesterday)", "audit.created.at"],
      ["ilike(awaiting,x)", "awaiting"],
      ["any(parameters,eq(value,x))", "parameters"],
      ["order=-colour", "colour"],
    ])
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/cases?${query}` }), 400, [field!]);
    for (const query of [
      "eq(status",
      "frob(a,b)",
      "eq(a,b))",
      "limit=-1",
      "limit=x",
      "eq(a,%zz)",
      "and()",
      "eq('status',x)",
    ]) {
      const problem = assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/cases?${query}` }), 400);
      assert.ok(Object.keys(problem.errors ?? {}).length === 1, problem.detail);
    }
  });
});
