/**
 * Retries and races: parallel retries of one create with an Idempotency-Key make one case; concurrent
 * conditional updates have exactly one winner per revision; unconditional ones never lose a change; the
 * same through the Talkdesk dialect.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fingerprint } from "../test/fingerprint.ts";
import { assertProblem, createCase, getCase, historyOf } from "../test/native.ts";
import { accessToken, registerClient } from "../test/oauth.ts";
import { buildTestApp } from "../test/setup.ts";
import { talkdesk } from "../test/talkdesk.ts";

const PARALLEL = 50;

describe("retries and races", async () => {
  const t = await buildTestApp();

  test(`${PARALLEL} parallel retries of one create with the same Idempotency-Key make one case`, async () => {
    const before = await fingerprint(t.db);
    const payload = { title: "Retried", timeline: [{ kind: "note", body: "once" }] };
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        t.request({
          method: "POST",
          url: "/api/v1/cases",
          headers: { "idempotency-key": "retry-me" },
          payload,
        }),
      ),
    );
    const first = responses[0]!;
    assert.equal(first.statusCode, 201, first.body);
    for (const res of responses) {
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json(), first.json());
      assert.equal(res.headers.location, first.headers.location);
      assert.equal(res.headers.etag, first.headers.etag);
    }
    assert.equal(responses.filter((res) => res.headers["idempotent-replayed"] !== "true").length, 1);
    const after = await fingerprint(t.db);
    assert.equal(Number(after.cases), Number(before.cases) + 1);
    assert.equal(Number(after.timeline_entries), Number(before.timeline_entries) + 1);
    assert.equal(Number(after.audit_records), Number(before.audit_records) + 1);
    assert.equal(Number(after.outbox_events), Number(before.outbox_events) + 1);
    assert.equal(Number(after.idempotency_keys), Number(before.idempotency_keys) + 1);
  });

  test(`${PARALLEL} concurrent updates with the same If-Match: one wins, the rest are 412 and change nothing`, async () => {
    const c = await createCase(t, { title: "Contended" });
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        t.request({
          method: "PATCH",
          url: `/api/v1/cases/${c.id}`,
          headers: { "if-match": `"${c.revision}"` },
          payload: { title: `Writer ${i}` },
        }),
      ),
    );
    const winners = responses.filter((res) => res.statusCode === 200);
    assert.equal(winners.length, 1, responses.map((res) => res.statusCode).join(","));
    for (const res of responses) if (res.statusCode !== 200) assertProblem(res, 412, "revision_mismatch");
    const now = await getCase(t, c.id);
    assert.equal(now.revision, c.revision + 1);
    assert.equal(now.title, winners[0]!.json().title);
    assert.deepEqual(
      (await historyOf(t, c.id)).map((record) => record.revision),
      [c.revision, c.revision + 1],
    );
  });

  test("writers that retry on 412 each win exactly one revision, with no gap", async () => {
    const c = await createCase(t, { title: "Taken in turns" });
    const writers = 20;
    const won = await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        for (let attempt = 0; attempt < 500; attempt++) {
          const current = await getCase(t, c.id);
          const res = await t.request({
            method: "PATCH",
            url: `/api/v1/cases/${c.id}`,
            headers: { "if-match": `"${current.revision}"` },
            payload: { description: `writer ${i}` },
          });
          if (res.statusCode === 200) return res.json().revision as number;
          assertProblem(res, 412, "revision_mismatch");
        }
        throw new Error(`writer ${i} never won`);
      }),
    );
    assert.deepEqual(
      [...won].sort((a, b) => a - b),
      Array.from({ length: writers }, (_, i) => c.revision + 1 + i),
    );
    assert.equal((await getCase(t, c.id)).revision, c.revision + writers);
  });

  test(`${PARALLEL} concurrent updates without If-Match: every change applied, audited, revisions gapless`, async () => {
    for (let i = 0; i < PARALLEL; i++) {
      const res = await t.request({
        method: "POST",
        url: "/api/v1/fields",
        payload: { object: "case", key: `f${i}`, label: `Field ${i}`, type: "text" },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    const c = await createCase(t, { title: "Many hands" });
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        t.request({
          method: "PATCH",
          url: `/api/v1/cases/${c.id}`,
          payload: { customFields: { [`f${i}`]: `v${i}` } },
        }),
      ),
    );
    for (const res of responses) assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      responses.map((res) => res.json().revision as number).sort((a, b) => a - b),
      Array.from({ length: PARALLEL }, (_, i) => c.revision + 1 + i),
    );
    const now = await getCase(t, c.id);
    assert.equal(now.revision, c.revision + PARALLEL);
    assert.deepEqual(
      now.customFields,
      Object.fromEntries(Array.from({ length: PARALLEL }, (_, i) => [`f${i}`, `v${i}`])),
    );
    const history = await historyOf(t, c.id);
    assert.deepEqual(
      history.map((record) => record.revision),
      Array.from({ length: PARALLEL + 1 }, (_, i) => c.revision + i),
    );
    // Each change starts from the state the previous one left: no update was computed from a stale read.
    let state: unknown = {};
    for (const record of history.filter((r) => r.action === "updated")) {
      const change = record.changes.find((c) => c.field === "customFields");
      assert.ok(change, JSON.stringify(record.changes));
      assert.deepEqual(change.before ?? {}, state, `revision ${record.revision} started from a stale state`);
      state = change.after;
    }
    assert.deepEqual(state, now.customFields);
  });

  test(`Talkdesk: ${PARALLEL} parallel retries of one create make one case; concurrent note appends all land`, async () => {
    const token = await accessToken(t, await registerClient(t));
    const before = await fingerprint(t.db);
    const payload = { title: "Retried on the desk", description: "", notes: [{ note_body: "once" }] };
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        talkdesk(t, token, {
          method: "POST",
          url: "/core/va/cases",
          headers: { "idempotency-key": "desk-retry" },
          payload,
        }),
      ),
    );
    for (const res of responses) assert.equal(res.statusCode, 201, res.body);
    assert.equal(new Set(responses.map((res) => res.json().id)).size, 1);
    const after = await fingerprint(t.db);
    assert.equal(Number(after.cases), Number(before.cases) + 1);
    assert.equal(Number(after.timeline_entries), Number(before.timeline_entries) + 1);
    const id = responses[0]!.json().id;
    const appended = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        talkdesk(t, token, {
          method: "PATCH",
          url: `/core/va/cases/${id}`,
          payload: { notes: [{ note_body: `n${i}` }] },
        }),
      ),
    );
    for (const res of appended) assert.equal(res.statusCode, 200, res.body);
    const notes = (await talkdesk(t, token, { method: "GET", url: `/core/va/cases/${id}` })).json().notes;
    assert.deepEqual(
      notes.map((n: { note_body: string }) => n.note_body).sort(),
      ["once", ...Array.from({ length: PARALLEL }, (_, i) => `n${i}`)].sort(),
    );
    const history = await historyOf(t, id);
    assert.deepEqual(
      history.map((record) => record.revision),
      Array.from({ length: PARALLEL + 1 }, (_, i) => 1 + i),
    );
  });
});
