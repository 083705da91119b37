import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { AGENT_HEADERS, contactId, interaction, khoros } from "../../../test/khoros.ts";
import { buildTestApp, type TestApp, testDatabase } from "../../../test/setup.ts";
import type { Actor } from "../../domain/access.ts";
import type { Database } from "../../store/db.ts";
import { authenticate } from "../credentials.ts";
import { bootstrap } from "../workspaces.ts";
import { prepareCreate } from "./create-case.ts";
import { createBatches } from "./group-commit.ts";
import type { CreateOutcome } from "./write-creates.ts";

async function rowsPerCase(db: Database, table: string, subjectColumn: string, workspaceId: number) {
  const rows = await db.query<{ subject: string; n: number }>(
    `select ${subjectColumn}::text as subject, count(*)::int as n from ${table}
     where workspace_id = $1 group by 1`,
    [workspaceId],
  );
  return new Map(rows.map((row) => [Number(row.subject), row.n]));
}

const madeOf = (outcome: CreateOutcome) => {
  assert.ok("made" in outcome, "the create was written");
  return outcome.made;
};

/** How many of these cases each transaction wrote, largest first. */
async function casesPerTransaction(db: Database, workspaceId: number, numbers: readonly number[]) {
  const rows = await db.query<{ size: number }>(
    `select count(*)::int as size from cases where workspace_id = $1 and number = any($2::bigint[])
     group by xmin::text order by 1 desc`,
    [workspaceId, numbers],
  );
  return rows.map((row) => row.size);
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
    // Each event names its own case, in its object and in each of its entries, with the entries' ids.
    const payloads = await t.db.query<{
      subject: string;
      object: number;
      entries: { id: number; caseNumber: number }[];
    }>(
      `select subject_id as subject, (payload->'object'->>'number')::int as object, payload->'entries' as entries
       from outbox_events where workspace_id = $1 and subject_type = 'case' and subject_id = any($2::text[])`,
      [workspaceId, numbers.map(String)],
    );
    const stored = await t.db.query<{ case_number: string; ids: string[] }>(
      `select case_number, array_agg(id::text order by id) as ids from timeline_entries
       where workspace_id = $1 and case_number = any($2::bigint[]) group by case_number`,
      [workspaceId, numbers],
    );
    const idsOf = new Map(stored.map((row) => [Number(row.case_number), row.ids.map(Number)]));
    assert.equal(payloads.length, n);
    for (const payload of payloads) {
      const number = Number(payload.subject);
      assert.equal(payload.object, number);
      assert.deepEqual(
        payload.entries.map((entry) => entry.caseNumber),
        [number, number],
      );
      assert.deepEqual(
        payload.entries.map((entry) => entry.id),
        idsOf.get(number),
      );
    }
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

  test("keyed creates of every dialect are written in batches, and a retry of each replays its own response", async () => {
    const customerId = await contactId(t, { name: "Keyed batch contact" });
    const send = (dialect: number, i: number) => {
      const headers = { "idempotency-key": `keyed-${dialect}-${i}` };
      if (dialect === 0)
        return t.request({
          method: "POST",
          url: "/api/v1/cases",
          headers,
          payload: { title: `keyed native ${i}` },
        });
      if (dialect === 1)
        return khoros(t, {
          method: "POST",
          url: "/case",
          headers,
          payload: { customerId, title: `keyed khoros ${i}` },
        });
      if (dialect === 2)
        return t.request({
          method: "POST",
          url: "/cm/core/va/cases",
          headers,
          payload: { title: `keyed talkdesk ${i}`, description: "Keyed" },
        });
      return t.request({
        method: "POST",
        url: "/public/v1/helpdesk/cases",
        headers,
        payload: { chat: { lastMessage: { content: `keyed mpt ${i}` } } },
      });
    };
    const sends = Array.from({ length: 6 }, (_, i) => [0, 1, 2, 3].map((dialect) => ({ dialect, i }))).flat();
    const first = await Promise.all(sends.map(({ dialect, i }) => send(dialect, i)));
    for (const res of first) assert.equal(res.statusCode, 201, res.body);
    assert.ok(first.every((res) => res.headers["idempotent-replayed"] === undefined));
    const [row] = await t.db.query<{ numbers: number[] }>(
      `select array_agg(number::int order by number) as numbers from cases
       where workspace_id = $1 and title ~ '^keyed (native|khoros|talkdesk|mpt) [0-9]$'`,
      [workspaceId],
    );
    assert.equal(row!.numbers.length, sends.length);
    assert.ok(isGapless(row!.numbers), `gapless: ${row!.numbers}`);
    const sizes = await casesPerTransaction(t.db, workspaceId, row!.numbers);
    assert.ok(sizes[0]! > 1, `some transaction wrote several keyed creates: ${sizes}`);
    const again = await Promise.all(sends.map(({ dialect, i }) => send(dialect, i)));
    for (const [n, res] of again.entries()) {
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.headers["idempotent-replayed"], "true");
      assert.deepEqual(res.json(), first[n]!.json());
    }
    const [count] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from cases where workspace_id = $1 and title like 'keyed %'",
      [workspaceId],
    );
    assert.equal(count!.n, sends.length);
  });

  test("Khoros creates of new conversations are batched; concurrent resends of one conversation make one case", async () => {
    const customerId = await contactId(t, { name: "Conversation batch contact" });
    const create = (conversation: string, title = `Conversation ${conversation}`) =>
      khoros(t, {
        method: "POST",
        url: "/case",
        payload: {
          customerId,
          title,
          interactions: [interaction(`${conversation}-1`), interaction(`${conversation}-2`)],
        },
      });
    const distinct = await Promise.all(Array.from({ length: 8 }, (_, i) => create(`batch-conv-${i}`)));
    for (const res of distinct) assert.equal(res.statusCode, 201, res.body);
    const numbers = distinct.map((res) => Number(res.json().id));
    assert.ok(isGapless(numbers), `gapless: ${numbers}`);
    const sizes = await casesPerTransaction(t.db, workspaceId, numbers);
    assert.ok(sizes[0]! > 1, `some transaction wrote several conversations: ${sizes}`);

    const resends = await Promise.all(Array.from({ length: 6 }, () => create("batch-resent")));
    assert.deepEqual(
      resends.map((res) => res.statusCode).sort(),
      [200, 200, 200, 200, 200, 201],
      resends.map((res) => res.body).join("\n"),
    );
    assert.equal(new Set(resends.map((res) => res.json().id)).size, 1);
    // Another title is another case about the same conversation, not a resend.
    const other = await create("batch-resent", "Another case about it");
    assert.equal(other.statusCode, 201, other.body);
    const [count] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from cases where workspace_id = $1 and title = 'Conversation batch-resent'",
      [workspaceId],
    );
    assert.equal(count!.n, 1);
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
    const written = (await Promise.all(prepared.map((create) => batches.submit(create)))).map(madeOf);
    const numbers = written.map((w) => w.case.number);
    assert.ok(isGapless(numbers), `gapless: ${numbers}`);
    assert.deepEqual(
      written.map((w) => w.case.title),
      prepared.map((p) => p.row.case.title),
    );
    // Each row remembers the transaction that wrote it: 32 in one, the other 8 in another.
    assert.deepEqual(await casesPerTransaction(db, actor.workspaceId, numbers), [32, 8]);
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
    const written = outcomes.filter((o) => o.status === "fulfilled").map((o) => madeOf(o.value).case);
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
  test("idempotent retries inside one batch make one case: the others find the key taken", async () => {
    const batches = createBatches(db);
    const idempotencyKey = { key: "same-batch", requestHash: "hash-of-the-request" };
    const answer = async (_: unknown, made: { case: { number: number } }) => ({
      statusCode: 201,
      headers: {},
      body: { number: made.case.number },
    });
    const prepared = await Promise.all(
      Array.from({ length: 5 }, () =>
        prepareCreate({ ...ctx, idempotencyKey }, actor, { title: "Keyed in one batch" }, { answer }),
      ),
    );
    const outcomes = await Promise.all(prepared.map((create) => batches.submit(create)));
    const made = outcomes.filter((outcome) => "made" in outcome);
    assert.equal(made.length, 1);
    assert.equal(outcomes.filter((outcome) => "keyTaken" in outcome).length, 4);
    const [row] = await db.query<{ cases: number; response: unknown }>(
      `select (select count(*)::int from cases where workspace_id = $1 and title = 'Keyed in one batch') as cases,
              (select response from idempotency_keys where workspace_id = $1 and key = 'same-batch') as response`,
      [actor.workspaceId],
    );
    assert.deepEqual(row, {
      cases: 1,
      response: { statusCode: 201, headers: {}, body: { number: madeOf(made[0]!).case.number } },
    });
  });
});
