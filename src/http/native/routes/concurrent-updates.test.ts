import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertProblem, createCase, getCase, historyOf } from "../../../../test/native.ts";
import { buildTestApp, type TestApp, testDatabase } from "../../../../test/setup.ts";
import type { Database } from "../../../store/db.ts";

const CONCURRENT = 10;

const all = <T>(make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: CONCURRENT }, (_, i) => make(i)));

const append = (t: TestApp, id: string, payload: object, headers: Record<string, string> = {}) =>
  t.request({ method: "POST", url: `/api/v1/cases/${id}/timeline`, payload, headers });

/** The case's events as the outbox holds them, oldest first. */
async function eventsOf(t: TestApp, id: string) {
  const rows = await t.db.query<{ revision: number; topics: string[]; payload: Record<string, unknown> }>(
    "select revision, topics, payload from outbox_events where subject_type = 'case' and subject_id = $1 order by id",
    [id],
  );
  return rows as {
    revision: number;
    topics: string[];
    payload: {
      object: { revision: number };
      changes: { field: string }[];
      entries?: { id: number; body: string }[];
    };
  }[];
}

describe("concurrent updates of one case", async () => {
  const t = await buildTestApp();

  test("appends without If-Match all apply: every entry, one revision, audit record and event each", async () => {
    const c = await createCase(t, { title: "Busy" });
    const results = await all((i) => append(t, c.id, { kind: "message", body: `reply${i}` }));
    for (const res of results) assert.equal(res.statusCode, 201, res.body);
    const written = results
      .map((res) => res.json() as { data: { id: string; body: string }[]; revision: number })
      .sort((a, b) => a.revision - b.revision);
    assert.deepEqual(
      written.map((w) => w.revision),
      Array.from({ length: CONCURRENT }, (_, i) => i + 2),
    );
    const ids = written.map((w) => Number(w.data[0]!.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      "entry ids follow the revisions that added them",
    );

    assert.equal((await getCase(t, c.id)).revision, CONCURRENT + 1);
    const timeline = await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline?limit=500` });
    const bodies = (timeline.json().data as { body: string }[]).map((entry) => entry.body);
    assert.deepEqual(bodies.sort(), Array.from({ length: CONCURRENT }, (_, i) => `reply${i}`).sort());
    const updates = (await historyOf(t, c.id)).filter((record) => record.action === "updated");
    assert.deepEqual(
      updates.map((record) => [record.revision, record.changes]),
      written.map((w) => [w.revision, [{ field: "timeline", before: null, after: [Number(w.data[0]!.id)] }]]),
    );
    const events = (await eventsOf(t, c.id)).slice(1);
    assert.deepEqual(
      events.map((e) => [
        e.revision,
        e.payload.object.revision,
        e.payload.entries?.map((entry) => entry.body),
      ]),
      written.map((w) => [w.revision, w.revision, [w.data[0]!.body]]),
    );
    assert.ok(events.every((e) => e.topics.includes("timeline.added")));
    for (const w of written) {
      const found = await t.request({ method: "GET", url: `/api/v1/cases?q=${w.data[0]!.body}` });
      assert.deepEqual(
        (found.json().data as { id: string }[]).map((hit) => hit.id),
        [c.id],
        "every entry is in the search document",
      );
    }
  });

  test("field changes without If-Match all apply: none overwrites another", async () => {
    const c = await createCase(t, { title: "Many hands", tags: ["start"] });
    const patches = [
      { title: "Renamed" },
      { description: "Described" },
      { priority: "urgent" },
      { type: "incident" },
      { tags: ["vpn"] },
    ];
    const results = await Promise.all(
      patches.map((payload) => t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload })),
    );
    for (const res of results) assert.equal(res.statusCode, 200, res.body);
    const final = await getCase(t, c.id);
    assert.deepEqual(
      [final.title, final.description, final.priority, final.type, final.tags, final.revision],
      ["Renamed", "Described", "urgent", "incident", ["vpn"], patches.length + 1],
    );
    const updates = (await historyOf(t, c.id)).filter((record) => record.action === "updated");
    assert.deepEqual(
      updates.map((record) => record.revision),
      Array.from({ length: patches.length }, (_, i) => i + 2),
    );
  });

  test("If-Match on one revision: exactly one update wins, the others are 412 and write nothing", async () => {
    const c = await createCase(t, { title: "Contested" });
    const results = await all((i) =>
      t.request({
        method: "PATCH",
        url: `/api/v1/cases/${c.id}`,
        headers: { "if-match": '"1"' },
        payload: { title: `Title ${i}` },
      }),
    );
    const won = results.filter((res) => res.statusCode === 200);
    assert.equal(won.length, 1, results.map((res) => res.statusCode).join(","));
    for (const res of results.filter((r) => r.statusCode !== 200))
      assertProblem(res, 412, "revision_mismatch");
    const final = await getCase(t, c.id);
    assert.equal(final.title, won[0]!.json().title);
    assert.equal(final.revision, 2);
    assert.equal((await historyOf(t, c.id)).length, 2);
    assert.equal((await eventsOf(t, c.id)).length, 2);

    const appended = await all((i) =>
      append(t, c.id, { kind: "note", body: `late ${i}` }, { "if-match": '"2"' }),
    );
    assert.equal(appended.filter((res) => res.statusCode === 201).length, 1);
    for (const res of appended.filter((r) => r.statusCode !== 201))
      assertProblem(res, 412, "revision_mismatch");
    const timeline = await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline` });
    assert.equal(timeline.json().data.length, 1);
    assert.equal((await getCase(t, c.id)).revision, 3);
  });

  test("one interaction delivered several times at once is added once", async () => {
    const c = await createCase(t, { title: "Redelivered" });
    const tweet = {
      kind: "interaction",
      body: "Any update on my order?",
      origin: { service: "twitter", serviceId: "1790000000000000777", contentType: "tweet" },
    };
    const results = await all(() => append(t, c.id, tweet));
    for (const res of results) assert.equal(res.statusCode, 201, res.body);
    assert.equal(results.filter((res) => res.json().data.length === 1).length, 1);
    assert.ok(results.every((res) => res.json().revision === 2));
    const timeline = await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline` });
    assert.equal(timeline.json().data.length, 1);
    assert.equal((await getCase(t, c.id)).revision, 2);
    assert.equal((await eventsOf(t, c.id)).length, 2);
  });
});

describe("a record deleted between an update's decision and its write", async () => {
  const base = await testDatabase();
  /** Runs once, just before the next statement that writes a case change. */
  let beforeWrite: (() => Promise<unknown>) | null = null;
  const db: Database = {
    ...base,
    async query(text, params) {
      const run = text.includes("saved as (update cases") ? beforeWrite : null;
      if (run) {
        beforeWrite = null;
        await run();
      }
      return base.query(text, params);
    },
  };
  const t = await buildTestApp({ db });

  test("the update is decided again and refused, naming the field; nothing is written", async () => {
    const c = await createCase(t, { title: "Moving requester" });
    const contact = await t.request({
      method: "POST",
      url: "/api/v1/contacts",
      payload: { name: "Gone soon" },
    });
    assert.equal(contact.statusCode, 201, contact.body);
    beforeWrite = () => base.query("delete from contacts where id = $1", [Number(contact.json().id)]);
    const res = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      payload: { requesterId: contact.json().id, title: "Moved" },
    });
    assertProblem(res, 400, "validation_failed", "requesterId");
    assert.equal(beforeWrite, null, "the contact went between the read and the write");
    const unchanged = await getCase(t, c.id);
    assert.deepEqual([unchanged.title, unchanged.revision], ["Moving requester", 1]);
    assert.equal((await eventsOf(t, c.id)).length, 1);
  });
});
