import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { AGENT_HEADERS } from "../../../test/khoros.ts";
import { buildTestApp, type TestApp, testDatabase } from "../../../test/setup.ts";
import type { Actor } from "../../domain/access.ts";
import type { Database } from "../../store/db.ts";
import { authenticate } from "../credentials.ts";
import { bootstrap } from "../workspaces.ts";
import { prepareCreate } from "./create-case.ts";
import { createBatches } from "./group-commit.ts";

async function rowsPerCase(db: Database, table: string, subjectColumn: string, workspaceId: number) {
  const rows = await db.query<{ subject: string; n: number }>(
    `select ${subjectColumn}::text as subject, count(*)::int as n from ${table}
     where workspace_id = $1 group by 1`,
    [workspaceId],
  );
  return new Map(rows.map((row) => [Number(row.subject), row.n]));
}

const isGapless = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);
};

// The set-up runs in before(): tests declared after an await in a describe body are not always its own.
describe("group commit of creates", () => {
  let t: TestApp;
  let workspaceId: number;
  before(async () => {
    t = await buildTestApp();
    const [workspace] = await t.db.query<{ id: number }>("select id from workspaces order by id limit 1");
    workspaceId = workspace!.id;
  });

  test("concurrent creates are numbered gapless, with their entries, one audit record and one event each", async () => {
    const n = 40;
    const responses = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.request({
          method: "POST",
          url: "/api/v1/cases",
          payload: {
            title: `Batch ${i}`,
            timeline: [
              { kind: "note", body: `first ${i}` },
              { kind: "note", body: `second ${i}` },
            ],
          },
        }),
      ),
    );
    for (const res of responses) assert.equal(res.statusCode, 201, res.body);
    const bodies = responses.map(
      (res) => res.json() as { number: number; title: string; timeline: unknown[] },
    );
    const numbers = bodies.map((body) => body.number);
    assert.equal(new Set(numbers).size, n);
    assert.ok(isGapless(numbers), `gapless: ${numbers}`);
    for (const [i, body] of bodies.entries()) {
      assert.equal(body.title, `Batch ${i}`);
      assert.equal(body.timeline.length, 2);
    }
    const audit = await rowsPerCase(t.db, "audit_records", "subject_id", workspaceId);
    const events = await rowsPerCase(t.db, "outbox_events", "subject_id", workspaceId);
    const entries = await rowsPerCase(t.db, "timeline_entries", "case_number", workspaceId);
    for (const number of numbers) {
      assert.equal(audit.get(number), 1, `audit of case ${number}`);
      assert.equal(events.get(number), 1, `event of case ${number}`);
      assert.equal(entries.get(number), 2, `entries of case ${number}`);
    }
    const [created] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from audit_records where workspace_id = $1 and action = 'created' and subject_id = any($2::text[])",
      [workspaceId, numbers.map(String)],
    );
    assert.equal(created!.n, n);
  });

  test("the creates of every dialect share the numbering, gapless", async () => {
    const contact = await t.request({
      method: "POST",
      url: "/api/v1/contacts",
      payload: { name: "Batch contact" },
    });
    assert.equal(contact.statusCode, 201, contact.body);
    const customerId = String(contact.json().id);
    const sends = Array.from({ length: 6 }, (_, i) => [
      t.request({ method: "POST", url: "/api/v1/cases", payload: { title: `native ${i}` } }),
      t.request({
        method: "POST",
        url: "/khoros/case",
        headers: { ...AGENT_HEADERS, authorization: t.key },
        payload: { customerId, title: `khoros ${i}` },
      }),
      t.request({
        method: "POST",
        url: "/cm/core/va/cases",
        payload: { title: `talkdesk ${i}`, description: "Batched" },
      }),
      t.request({
        method: "POST",
        url: "/public/v1/helpdesk/cases",
        payload: { chat: { lastMessage: { content: `mpt ${i}` } } },
      }),
    ]).flat();
    const responses = await Promise.all(sends);
    for (const [i, res] of responses.entries()) assert.equal(res.statusCode, 201, `send ${i}: ${res.body}`);
    const [row] = await t.db.query<{ numbers: number[] }>(
      `select array_agg(number::int order by number) as numbers from cases
       where workspace_id = $1 and (title ~ '^(native|khoros|talkdesk) [0-9]$' or title ~ '^mpt [0-9]$')`,
      [workspaceId],
    );
    assert.equal(row!.numbers.length, responses.length);
    assert.ok(isGapless(row!.numbers), `gapless: ${row!.numbers}`);
  });

  test("concurrent retries of one keyed create make one case and replay it", async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.request({
          method: "POST",
          url: "/api/v1/cases",
          headers: { "idempotency-key": "batch-retry" },
          payload: { title: "Retried in a batch" },
        }),
      ),
    );
    for (const res of responses) assert.equal(res.statusCode, 201, res.body);
    assert.equal(new Set(responses.map((res) => res.json().number)).size, 1);
    assert.equal(responses.filter((res) => res.headers["idempotent-replayed"] === "true").length, 7);
    const [row] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from cases where workspace_id = $1 and title = 'Retried in a batch'",
      [workspaceId],
    );
    assert.equal(row!.n, 1);
  });
});

describe("batches of creates", () => {
  let db: Database;
  let actor: Actor;
  let ctx: { db: Database; now: () => Date };
  before(async () => {
    db = await testDatabase();
    await bootstrap(db, "batch-failure-key");
    actor = (await authenticate(db, "batch-failure-key")) as Actor;
    ctx = { db, now: () => new Date("2026-03-01T10:00:00Z") };
  });

  test("creates that arrive while a batch commits are written together, at most 32 in one transaction", async () => {
    const batches = createBatches(db);
    const prepared = await Promise.all(
      Array.from({ length: 40 }, (_, i) => prepareCreate(ctx, actor, { title: `Queued ${i}` })),
    );
    const written = await Promise.all(prepared.map((create) => batches.submit(create)));
    const numbers = written.map((w) => w.case.number);
    assert.ok(isGapless(numbers), `gapless: ${numbers}`);
    assert.deepEqual(
      written.map((w) => w.case.title),
      prepared.map((p) => p.row.case.title),
    );
    // Each row remembers the transaction that wrote it: 32 in one, the other 8 in another.
    const rows = await db.query<{ size: number }>(
      `select count(*)::int as size from cases where workspace_id = $1 and number = any($2::bigint[])
       group by xmin::text order by 1 desc`,
      [actor.workspaceId, numbers],
    );
    assert.deepEqual(
      rows.map((row) => row.size),
      [32, 8],
    );
  });

  test("a create that fails inside a batch fails alone: the others commit, numbered gapless", async () => {
    const batches = createBatches(db);
    const prepared = await Promise.all(
      Array.from({ length: 6 }, (_, i) => prepareCreate(ctx, actor, { title: `Item ${i}` })),
    );
    // A reference that vanished after the create was checked: only the database can refuse it now.
    prepared[3]!.row.case.queueId = 999_999;
    const outcomes = await Promise.allSettled(prepared.map((create) => batches.submit(create)));
    assert.equal(outcomes[3]!.status, "rejected");
    const written = outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value.case);
    assert.deepEqual(
      written.map((c) => c.title),
      ["Item 0", "Item 1", "Item 2", "Item 4", "Item 5"],
    );
    assert.ok(isGapless(written.map((c) => c.number)), `gapless: ${written.map((c) => c.number)}`);
    const [row] = await db.query<{ cases: number; events: number }>(
      `select (select count(*)::int from cases where workspace_id = $1 and title like 'Item %') as cases,
              (select count(*)::int from outbox_events where workspace_id = $1 and subject_type = 'case'
                 and payload->'object'->>'title' like 'Item %') as events`,
      [actor.workspaceId],
    );
    assert.deepEqual(row, { cases: 5, events: 5 });
  });
});
