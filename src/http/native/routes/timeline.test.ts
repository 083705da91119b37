import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  advance,
  assertProblem,
  createCase,
  getCase,
  historyOf,
  me,
  patchCase,
  type WireAudit,
  walkPages,
} from "../../../../test/native.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

interface WireEntry {
  id: string;
  caseId: string;
  kind: string;
  visibility: string;
  author: { type: string; id: string | null };
  title: string | null;
  body: string;
  origin: Record<string, unknown> | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

async function post(t: TestApp, id: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.request({
    method: "POST",
    url: `/api/v1/cases/${id}/timeline`,
    payload: payload as object,
    headers,
  });
}

async function added(t: TestApp, id: string, payload: unknown) {
  const res = await post(t, id, payload);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { data: WireEntry[]; revision: number };
}

async function timelineOf(t: TestApp, id: string): Promise<WireEntry[]> {
  const res = await t.request({ method: "GET", url: `/api/v1/cases/${id}/timeline?limit=500` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data;
}

const tweet = (serviceId: string | null, body = "Any update on my order?") => ({
  kind: "interaction",
  body,
  origin: {
    service: "twitter",
    serviceId,
    linkUrl: serviceId ? `https://twitter.com/i/status/${serviceId}` : null,
    contentType: "tweet",
    createdAt: "2026-01-05T08:59:00Z",
    author: { service: "twitter", serviceId: "u-77", handle: "@ada", name: "Ada", brandOwned: false },
  },
});

describe("POST /cases/{id}/timeline", async () => {
  const t = await buildTestApp();
  const admin = await me(t);

  test("one entry: 201 with the entry and the case's new revision", async () => {
    const c = await createCase(t, { title: "Timeline" });
    advance(t, 60);
    const res = await post(t, c.id, { kind: "note", title: "Call", body: "Called the customer" });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers.etag, '"2"');
    const body = res.json();
    assert.equal(body.revision, 2);
    assert.equal(body.data.length, 1);
    const entry = body.data[0] as WireEntry;
    assert.match(entry.id, /^[1-9][0-9]*$/);
    assert.deepEqual(entry, {
      id: entry.id,
      caseId: c.id,
      kind: "note",
      visibility: "internal",
      author: { type: "user", id: admin.id },
      title: "Call",
      body: "Called the customer",
      origin: null,
      revision: 1,
      createdAt: t.clock.now.toISOString(),
      updatedAt: t.clock.now.toISOString(),
    });
    const after = await getCase(t, c.id);
    assert.equal(after.revision, 2);
    assert.equal(after.updatedAt, t.clock.now.toISOString());
    assert.deepEqual(await timelineOf(t, c.id), [entry]);
  });

  test("an array: every entry, in order, as one revision", async () => {
    const c = await createCase(t, { title: "Batch", timeline: [{ kind: "note", body: "opening" }] });
    const body = await added(t, c.id, [
      { kind: "note", body: "one" },
      { kind: "message", body: "two" },
      { kind: "note", body: "three", visibility: "public" },
    ]);
    assert.equal(body.revision, 2);
    assert.deepEqual(
      body.data.map((e) => e.body),
      ["one", "two", "three"],
    );
    const ids = body.data.map((e) => Number(e.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    assert.deepEqual(
      (await timelineOf(t, c.id)).map((e) => e.body),
      ["opening", "one", "two", "three"],
    );
    const history = await historyOf(t, c.id);
    assert.equal(history.length, 2);
    assert.deepEqual(history[1]!.changes, [{ field: "timeline", before: null, after: ids }]);
  });

  test("visibility: notes default to internal, messages and interactions to public; explicit wins", async () => {
    const c = await createCase(t, { title: "Visibility" });
    const body = await added(t, c.id, [
      { kind: "note", body: "n" },
      { kind: "message", body: "m" },
      tweet("v-1"),
      { kind: "note", body: "public note", visibility: "public" },
      { kind: "message", body: "internal message", visibility: "internal" },
      { ...tweet("v-2"), visibility: "internal" },
    ]);
    assert.deepEqual(
      body.data.map((e) => e.visibility),
      ["internal", "public", "public", "public", "internal", "internal"],
    );
    assert.deepEqual(
      (await timelineOf(t, c.id)).map((e) => e.visibility),
      ["internal", "public", "public", "public", "internal", "internal"],
    );
  });

  test("interactions need an origin; the error names it and nothing is added", async () => {
    const c = await createCase(t, { title: "Origins" });
    assertProblem(
      await post(t, c.id, { kind: "interaction", body: "hi" }),
      400,
      "validation_failed",
      "timeline.0.origin",
    );
    assertProblem(
      await post(t, c.id, { kind: "interaction", body: "hi", origin: null }),
      400,
      "validation_failed",
      "timeline.0.origin",
    );
    assertProblem(
      await post(t, c.id, [
        { kind: "note", body: "fine" },
        { kind: "interaction", body: "hi" },
      ]),
      400,
      "validation_failed",
      "timeline.1.origin",
    );
    assert.deepEqual(await timelineOf(t, c.id), []);
    assert.equal((await getCase(t, c.id)).revision, 1);
    const withOrigin = await added(t, c.id, {
      kind: "interaction",
      body: "hi",
      origin: { service: "email" },
    });
    assert.deepEqual(withOrigin.data[0]!.origin, {
      service: "email",
      serviceId: null,
      linkUrl: null,
      contentType: null,
      createdAt: null,
      author: null,
    });
  });

  test("an unknown property of origin.author is refused by name, not dropped", async () => {
    const c = await createCase(t, { title: "Authors" });
    const author = { service: "x", serviceId: "1", handle: "@a", name: "A", brandOwned: false };
    assertProblem(
      await post(t, c.id, {
        kind: "interaction",
        body: "hi",
        origin: { service: "x", author: { ...author, nickname: "dropped?" } },
      }),
      400,
      "validation_failed",
      "timeline.0.origin.author.nickname",
    );
    assert.deepEqual(await timelineOf(t, c.id), []);
  });

  test("the same origin serviceId is recorded once per case", async () => {
    const c = await createCase(t, { title: "Dedup" });
    const first = await added(t, c.id, tweet("1790000000000000001"));
    assert.equal(first.data.length, 1);
    assert.deepEqual(first.data[0]!.origin, {
      service: "twitter",
      serviceId: "1790000000000000001",
      linkUrl: "https://twitter.com/i/status/1790000000000000001",
      contentType: "tweet",
      createdAt: "2026-01-05T08:59:00.000Z",
      author: { service: "twitter", serviceId: "u-77", handle: "@ada", name: "Ada", brandOwned: false },
    });
    assert.equal(first.revision, 2);
    const history = await historyOf(t, c.id);

    const again = await added(t, c.id, tweet("1790000000000000001", "redelivered"));
    assert.deepEqual(again.data, []);
    assert.equal(again.revision, 2);
    assert.equal((await getCase(t, c.id)).revision, 2);
    assert.deepEqual(await historyOf(t, c.id), history);

    const batch = await added(t, c.id, [tweet("1790000000000000001"), tweet("dup-2"), tweet("dup-2")]);
    assert.deepEqual(
      batch.data.map((e) => e.origin?.serviceId),
      ["dup-2"],
    );
    assert.equal(batch.revision, 3);

    const otherService = await added(t, c.id, {
      kind: "interaction",
      body: "same id, other network",
      origin: { service: "facebook", serviceId: "dup-2" },
    });
    assert.equal(otherService.data.length, 1);
    const noServiceId = [await added(t, c.id, tweet(null)), await added(t, c.id, tweet(null))];
    assert.deepEqual(
      noServiceId.map((r) => r.data.length),
      [1, 1],
    );

    const otherCase = await createCase(t, { title: "Dedup elsewhere" });
    assert.equal((await added(t, otherCase.id, tweet("1790000000000000001"))).data.length, 1);

    const onCreate = await createCase(t, {
      title: "Dedup on create",
      timeline: [tweet("c-1"), tweet("c-1")],
    });
    assert.equal(onCreate.timeline.length, 1);

    assert.deepEqual(
      (await timelineOf(t, c.id)).map((e) => `${e.origin?.service}:${e.origin?.serviceId}`),
      ["twitter:1790000000000000001", "twitter:dup-2", "facebook:dup-2", "twitter:null", "twitter:null"],
    );
  });

  test("bad entries name the field and add nothing", async () => {
    const c = await createCase(t, { title: "Bad entries" });
    const cases: [unknown, string][] = [
      [{ kind: "tweet", body: "x" }, "timeline.0.kind"],
      [{ kind: "note", body: "x", title: "t".repeat(256) }, "timeline.0.title"],
      [{ kind: "note", body: "x", visibility: "secret" }, "timeline.0.visibility"],
      [{ kind: "note", body: "x", colour: "red" }, "timeline.0.colour"],
      [{ kind: "interaction", body: "x", origin: { serviceId: "1" } }, "timeline.0.origin.service"],
      [{ kind: "interaction", body: "x", origin: { service: "x", extra: 1 } }, "timeline.0.origin.extra"],
      [
        { kind: "interaction", body: "x", origin: { service: "x", createdAt: "yesterday" } },
        "timeline.0.origin.createdAt",
      ],
      [{ kind: "note", body: "   " }, "timeline.0.body"],
      [{ kind: "note", body: "a\u0000b" }, "timeline.0.body"],
      [[{ kind: "note", body: "x" }, { kind: "note" }], "timeline.1.body"],
      [[{ kind: "note", body: "x", title: 5 }], "timeline.0.title"],
    ];
    for (const [payload, field] of cases)
      assertProblem(await post(t, c.id, payload), 400, "validation_failed", field);
    assertProblem(await post(t, c.id, []), 400, "validation_failed");
    assertProblem(await post(t, c.id, { kind: "note", body: "x".repeat(100_001) }), 400, "validation_failed");
    assertProblem(
      await post(
        t,
        c.id,
        Array.from({ length: 101 }, (_, i) => ({ kind: "note", body: `n${i}` })),
      ),
      400,
      "validation_failed",
    );
    const jsonString = await t.request({
      method: "POST",
      url: `/api/v1/cases/${c.id}/timeline`,
      headers: { "content-type": "application/json" },
      payload: '"just text"',
    });
    assertProblem(jsonString, 400, "validation_failed", "body");
    assert.deepEqual(await timelineOf(t, c.id), []);
    assert.equal((await getCase(t, c.id)).revision, 1);
    assert.equal((await historyOf(t, c.id)).length, 1);
  });

  test("If-Match guards the write", async () => {
    const c = await createCase(t, { title: "Guarded timeline" });
    assertProblem(
      await post(t, c.id, { kind: "note", body: "stale" }, { "if-match": '"7"' }),
      412,
      "revision_mismatch",
    );
    assert.deepEqual(await timelineOf(t, c.id), []);
    const ok = await post(t, c.id, { kind: "note", body: "fresh" }, { "if-match": '"1"' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().revision, 2);
  });

  test("an Idempotency-Key retry replays the entries instead of adding them again", async () => {
    const c = await createCase(t, { title: "Idempotent note" });
    const headers = { "idempotency-key": "note-1" };
    const first = await post(t, c.id, { kind: "note", body: "once" }, headers);
    assert.equal(first.statusCode, 201, first.body);
    const retry = await post(t, c.id, { kind: "note", body: "once" }, headers);
    assert.equal(retry.statusCode, 201, retry.body);
    assert.equal(retry.headers["idempotent-replayed"], "true");
    assert.deepEqual(retry.json(), first.json());
    assert.equal((await timelineOf(t, c.id)).length, 1);
    assertProblem(
      await post(t, c.id, { kind: "note", body: "twice" }, headers),
      422,
      "idempotency_key_reused",
    );
    assert.equal((await timelineOf(t, c.id)).length, 1);
  });

  test("an unknown case is a 404", async () => {
    assertProblem(await post(t, "4242", { kind: "note", body: "x" }), 404, "case_not_found");
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/cases/4242/timeline" }),
      404,
      "case_not_found",
    );
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/cases/4242/history" }),
      404,
      "case_not_found",
    );
  });
});

describe("GET /cases/{id}/timeline", async () => {
  const t = await buildTestApp();
  const c = await createCase(t, { title: "Long story", timeline: [{ kind: "note", body: "e0" }] });
  for (let i = 1; i <= 6; i++) {
    advance(t, 1);
    await added(t, c.id, { kind: i % 2 ? "message" : "note", body: `e${i}` });
  }

  test("pages oldest first, every entry exactly once", async () => {
    const all = await timelineOf(t, c.id);
    assert.deepEqual(
      all.map((e) => e.body),
      ["e0", "e1", "e2", "e3", "e4", "e5", "e6"],
    );
    for (const limit of [1, 2, 3, 7]) {
      const walked = await walkPages<WireEntry>(t, `/api/v1/cases/${c.id}/timeline?limit=${limit}`);
      assert.deepEqual(walked, all, `limit=${limit}`);
    }
    const first = await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline?limit=3` });
    assert.equal(first.json().data.length, 3);
    assert.equal(typeof first.json().next, "string");
    const last = await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline?limit=7` });
    assert.equal(last.json().next, null);
  });

  test("bad paging parameters are a 400", async () => {
    for (const limit of ["0", "501", "x"])
      assertProblem(
        await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline?limit=${limit}` }),
        400,
        "validation_failed",
        "query.limit",
      );
    for (const cursor of [
      "nope",
      Buffer.from('"1"').toString("base64url"),
      Buffer.from("-4").toString("base64url"),
    ])
      assertProblem(
        await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline?cursor=${cursor}` }),
        400,
        "validation_failed",
        "query.cursor",
      );
    assertProblem(
      await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline?sort=id` }),
      400,
      "validation_failed",
      "query.sort",
    );
  });
});

describe("GET /cases/{id}/history", async () => {
  const t = await buildTestApp();
  const admin = await me(t);
  const change = (record: WireAudit, field: string) => record.changes.find((c) => c.field === field);

  test("one record per change, with field-level before/after and gapless revisions", async () => {
    const times: string[] = [t.clock.now.toISOString()];
    const c = await createCase(t, {
      title: "Audited",
      tags: ["a"],
      timeline: [{ kind: "note", body: "opening note" }],
    });
    const step = async (work: () => Promise<unknown>) => {
      advance(t, 60);
      times.push(t.clock.now.toISOString());
      await work();
    };
    await step(() => patchCase(t, c.id, { priority: "high" }));
    await step(() => patchCase(t, c.id, { title: "Audited case", tags: ["a", "b"] }));
    await step(() => patchCase(t, c.id, { assigneeId: admin.id }));
    let noteId = "";
    await step(async () => {
      noteId = (await added(t, c.id, { kind: "note", body: "progress" })).data[0]!.id;
    });
    await step(() => patchCase(t, c.id, { status: "resolved", resolution: "Fixed" }));
    await step(() => t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}` }));
    await step(() => t.request({ method: "POST", url: `/api/v1/cases/${c.id}/restore` }));

    // Rejected and empty writes leave no trace.
    advance(t, 60);
    assertProblem(
      await t.request({
        method: "PATCH",
        url: `/api/v1/cases/${c.id}`,
        headers: { "if-match": '"1"' },
        payload: { priority: "low" },
      }),
      412,
      "revision_mismatch",
    );
    assertProblem(
      await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload: { priority: "hot" } }),
      400,
      "validation_failed",
      "priority",
    );
    assertProblem(
      await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload: { status: "closed" } }),
      409,
      "invalid_transition",
      "status",
    );
    assert.equal((await patchCase(t, c.id, { priority: "high" })).revision, 8);

    const history = await historyOf(t, c.id);
    assert.deepEqual(
      history.map((r) => [r.action, r.revision]),
      [
        ["created", 1],
        ["updated", 2],
        ["updated", 3],
        ["updated", 4],
        ["updated", 5],
        ["updated", 6],
        ["trashed", 7],
        ["restored", 8],
      ],
    );
    assert.deepEqual(
      history.map((r) => r.at),
      times,
    );
    assert.equal((await getCase(t, c.id)).revision, 8);
    for (const record of history) {
      assert.deepEqual(record.actor, { type: "user", id: admin.id, label: admin.email });
      assert.match(record.id, /^[1-9][0-9]*$/);
    }
    const ids = history.map((r) => Number(r.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );

    const [created, priority, retitled, assigned, noted, resolved, trashed, restored] = history as [
      WireAudit,
      WireAudit,
      WireAudit,
      WireAudit,
      WireAudit,
      WireAudit,
      WireAudit,
      WireAudit,
    ];
    assert.deepEqual(change(created, "title"), { field: "title", before: null, after: "Audited" });
    assert.deepEqual(change(created, "status"), { field: "status", before: null, after: "new" });
    assert.deepEqual(change(created, "tags"), { field: "tags", before: null, after: ["a"] });
    assert.deepEqual(change(created, "reporterId"), {
      field: "reporterId",
      before: null,
      after: Number(admin.id),
    });
    assert.equal(change(created, "assigneeId"), undefined);
    assert.deepEqual(change(created, "timeline"), {
      field: "timeline",
      before: null,
      after: [Number(c.timeline[0]!.id)],
    });

    assert.deepEqual(priority.changes, [{ field: "priority", before: "normal", after: "high" }]);
    assert.deepEqual(retitled.changes, [
      { field: "title", before: "Audited", after: "Audited case" },
      { field: "tags", before: ["a"], after: ["a", "b"] },
    ]);
    assert.deepEqual(
      [...assigned.changes].sort((a, b) => a.field.localeCompare(b.field)),
      [
        { field: "assigneeId", before: null, after: Number(admin.id) },
        { field: "status", before: "new", after: "open" },
      ],
    );
    assert.deepEqual(noted.changes, [{ field: "timeline", before: null, after: [Number(noteId)] }]);
    assert.deepEqual(
      [...resolved.changes].sort((a, b) => a.field.localeCompare(b.field)),
      [
        { field: "resolution", before: null, after: "Fixed" },
        { field: "status", before: "open", after: "resolved" },
      ],
    );
    assert.deepEqual(trashed.changes, [{ field: "trashedAt", before: null, after: times[6] }]);
    assert.deepEqual(restored.changes, [{ field: "trashedAt", before: times[6], after: null }]);
  });

  test("history pages in order", async () => {
    const c = await createCase(t, { title: "Paged history" });
    for (let i = 1; i <= 5; i++) await patchCase(t, c.id, { title: `Paged history ${i}` });
    const all = await historyOf(t, c.id);
    assert.equal(all.length, 6);
    for (const limit of [1, 2, 4]) {
      const walked = await walkPages<WireAudit>(t, `/api/v1/cases/${c.id}/history?limit=${limit}`);
      assert.deepEqual(walked, all, `limit=${limit}`);
    }
    assert.deepEqual(
      all.map((r) => r.revision),
      [1, 2, 3, 4, 5, 6],
    );
  });
});

describe("PATCH /cases/{id}/timeline/{entryId}", async () => {
  const t = await buildTestApp();
  const edit = (caseId: string, entryId: string, payload: object) =>
    t.request({ method: "PATCH", url: `/api/v1/cases/${caseId}/timeline/${entryId}`, payload });

  test("edits a note: the case's revision moves, history shows before and after, search finds the new words", async () => {
    const c = await createCase(t, { title: "Edit me" });
    const [note] = (await added(t, c.id, { kind: "note", body: "first draft" })).data;
    const res = await edit(c.id, note!.id, { body: "refundable voucher", visibility: "public" });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as WireEntry;
    assert.equal(body.body, "refundable voucher");
    assert.equal(body.visibility, "public");
    assert.equal(body.revision, 2);
    assert.equal(res.headers.etag, '"3"');
    assert.equal((await getCase(t, c.id)).revision, 3);
    const last = (await historyOf(t, c.id)).at(-1)!;
    assert.equal(last.revision, 3);
    assert.deepEqual(last.changes, [
      { field: `timeline.${note!.id}.body`, before: "first draft", after: "refundable voucher" },
      { field: `timeline.${note!.id}.visibility`, before: "internal", after: "public" },
    ]);
    const found = await t.request({ method: "GET", url: "/api/v1/cases?q=voucher" });
    assert.deepEqual(
      found.json().data.map((x: { id: string }) => x.id),
      [c.id],
    );
    const unchanged = await edit(c.id, note!.id, { body: "refundable voucher" });
    assert.equal(unchanged.statusCode, 200);
    assert.equal(unchanged.headers.etag, '"3"', "an edit that changes nothing is no change");
  });

  test("interactions and messages are not editable; unknown or foreign entries are 404", async () => {
    const c = await createCase(t, { title: "Records" });
    const other = await createCase(t, { title: "Other" });
    const [message] = (await added(t, c.id, { kind: "message", body: "sent" })).data;
    const [interaction] = (await added(t, c.id, tweet("991"))).data;
    const [otherNote] = (await added(t, other.id, { kind: "note", body: "elsewhere" })).data;
    assertProblem(await edit(c.id, message!.id, { body: "rewritten" }), 409, "entry_not_editable");
    assertProblem(await edit(c.id, interaction!.id, { body: "rewritten" }), 409, "entry_not_editable");
    assertProblem(await edit(c.id, otherNote!.id, { body: "x" }), 404, "entry_not_found");
    assertProblem(await edit(c.id, "999999", { body: "x" }), 404, "entry_not_found");
    assertProblem(await edit(c.id, "abc", { body: "x" }), 404, "entry_not_found");
    assertProblem(await edit(c.id, message!.id, {}), 400, "validation_failed");
    assertProblem(await edit(c.id, message!.id, { body: "" }), 400, "validation_failed", "body");
    assert.equal((await getCase(t, c.id)).revision, 3);
  });

  test("a closed or trashed case's notes cannot be edited", async () => {
    const c = await createCase(t, { title: "Trashed" });
    const [note] = (await added(t, c.id, { kind: "note", body: "keep" })).data;
    await t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}` });
    assertProblem(await edit(c.id, note!.id, { body: "changed" }), 409, "case_trashed");
  });
});
