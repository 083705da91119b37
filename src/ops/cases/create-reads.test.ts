import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { buildTestApp, type TestApp, testDatabase } from "../../../test/setup.ts";
import { loadCaseWriteContext } from "../../store/case-context.ts";
import type { Database } from "../../store/db.ts";
import { createReads } from "./create-reads.ts";

/** Statements that read a create's context. */
const isContextRead = (text: string) => text.includes("from workspaces w where w.id");

/** The database, keeping the context reads made through it. */
function counting(db: Database, reads: string[]): Database {
  return {
    ...db,
    query: (text, params) => {
      if (isContextRead(text)) reads.push(text);
      return db.query(text, params);
    },
  };
}

const without = <T extends { entryIds: number[] }>({ entryIds: _, ...rest }: T) => rest;

// The set-up runs in before(): tests declared after an await in a describe body are not always its own.
describe("shared reads of what creates are decided by", () => {
  const reads: string[] = [];
  let t: TestApp;
  let workspaceId: number;
  let queueId: number;
  let userId: number;
  before(async () => {
    t = await buildTestApp({ db: counting(await testDatabase(), reads) });
    const [row] = await t.db.query<{ workspace: number; queue: number; member: number }>(
      `select w.id as workspace, (select min(id) from queues where workspace_id = w.id) as queue,
         (select min(id) from users where workspace_id = w.id) as member
       from workspaces w order by w.id limit 1`,
    );
    workspaceId = row!.workspace;
    queueId = row!.queue;
    userId = row!.member;
  });

  test("creates asking together share one query, and each reads what it would read alone", async () => {
    const queries = [
      {
        refs: { queueId: { kind: "queue", id: queueId }, assigneeId: { kind: "user", id: userId } },
        assigneeId: userId,
        entryIds: 2,
      },
      {
        refs: { queueId: { kind: "queue", id: 999_999 }, reporterId: { kind: "user", id: userId } },
        entryIds: 0,
      },
      { refs: { assigneeId: { kind: "user", id: 999_999 } }, assigneeId: 999_999, entryIds: 3 },
      {
        refs: { parentNumber: { kind: "case", id: 999_999 }, accountId: { kind: "account", id: null } },
        entryIds: 1,
      },
    ] as const;
    const shared = createReads(t.db);
    reads.length = 0;
    const contexts = await Promise.all(queries.map((query) => shared.context(workspaceId, {}, query)));
    assert.equal(reads.length, 1);
    assert.deepEqual(
      contexts.map((context) => context!.missing),
      [[], ["queueId"], ["assigneeId"], ["parentNumber"]],
    );
    assert.equal(contexts[0]!.assignee?.active, true);
    assert.equal(contexts[2]!.assignee, null);
    for (const [i, query] of queries.entries()) {
      const alone = await loadCaseWriteContext(
        t.db,
        workspaceId,
        query.refs,
        {},
        "assigneeId" in query ? query.assigneeId : undefined,
        query.entryIds,
      );
      assert.deepEqual(without(contexts[i]!), without(alone!));
    }
    const ids = contexts.flatMap((context) => context!.entryIds);
    assert.deepEqual(
      contexts.map((context) => context!.entryIds.length),
      [2, 0, 3, 1],
    );
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      "each create's ids ascend, and follow the one asked before",
    );
    assert.equal(new Set(ids).size, ids.length);
  });

  test("a value the database refuses fails only the create that sent it", async () => {
    const shared = createReads(t.db);
    const outcomes = await Promise.allSettled([
      shared.context(workspaceId, {}, { refs: { queueId: { kind: "queue", id: queueId } }, entryIds: 0 }),
      shared.context(workspaceId, {}, { refs: { queueId: { kind: "queue", id: 2 ** 63 } }, entryIds: 0 }),
      shared.context(workspaceId + 1_000, {}, { refs: {}, entryIds: 0 }),
    ]);
    assert.equal(outcomes[0]!.status, "fulfilled");
    assert.deepEqual(outcomes[0]!.status === "fulfilled" && outcomes[0]!.value!.missing, []);
    assert.equal(outcomes[1]!.status, "rejected");
    assert.deepEqual(outcomes[2], { status: "fulfilled", value: null }, "no such workspace");
  });

  test("creates that may refer to different records read apart", async () => {
    const shared = createReads(t.db);
    reads.length = 0;
    const refs = { queueId: { kind: "queue", id: queueId } } as const;
    const [everyone, outsider] = await Promise.all([
      shared.context(workspaceId, {}, { refs, entryIds: 0 }),
      shared.context(
        workspaceId,
        { queue: { field: "ownerAccountId", op: "eq", value: 999_999 } },
        { refs, entryIds: 0 },
      ),
    ]);
    assert.equal(reads.length, 2);
    assert.deepEqual(everyone!.missing, []);
    assert.deepEqual(outsider!.missing, ["queueId"]);
  });

  test("concurrent creates over HTTP share their reads, and one naming a missing record fails alone", async () => {
    // The key is remembered first, so that the creates are not spread over turns by looking it up.
    assert.equal((await t.request({ method: "GET", url: "/api/v1/cases?limit=1" })).statusCode, 200);
    reads.length = 0;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.request({
          method: "POST",
          url: "/api/v1/cases",
          payload: {
            title: `Shared read ${i}`,
            assigneeId: String(userId),
            ...(i === 5 ? { queueId: "999999" } : {}),
            timeline: [{ kind: "note", body: `note ${i}` }],
          },
        }),
      ),
    );
    assert.ok(reads.length < responses.length, `${reads.length} reads for ${responses.length} creates`);
    assert.deepEqual(
      responses.map((res) => res.statusCode),
      [201, 201, 201, 201, 201, 400, 201, 201],
    );
    assert.match(responses[5]!.body, /queueId/);
    const made = responses.filter((res) => res.statusCode === 201).map((res) => res.json());
    assert.deepEqual(
      made.map((body) => [body.title, body.assigneeId, body.timeline.length]),
      [0, 1, 2, 3, 4, 6, 7].map((i) => [`Shared read ${i}`, String(userId), 1]),
    );
    const entryIds = made.map((body) => body.timeline[0].id);
    assert.equal(new Set(entryIds).size, entryIds.length);
  });
});
