import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  advance,
  assertProblem,
  caseRoutes,
  createCase,
  getCase,
  historyOf,
  listNumbers,
  me,
  patchCase,
  type WireCase,
  walkPages,
} from "../../../../test/native.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";
import { closeDueCases } from "../../../ops/cases/close-due-cases.ts";

const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function defaultQueueId(t: TestApp): Promise<string> {
  const res = await t.request({ method: "GET", url: "/api/v1/queues" });
  assert.equal(res.statusCode, 200, res.body);
  const queue = (res.json().data as { id: string; isDefault: boolean }[]).find((q) => q.isDefault);
  assert.ok(queue, "the workspace has a default queue");
  return queue.id;
}

async function contactsWithEmail(t: TestApp, email: string) {
  const res = await t.request({ method: "GET", url: `/api/v1/contacts?email=${encodeURIComponent(email)}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data as { id: string; name: string; email: string }[];
}

async function allContacts(t: TestApp) {
  const res = await t.request({ method: "GET", url: "/api/v1/contacts?limit=500" });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data as { id: string }[];
}

async function addUser(t: TestApp, email: string): Promise<string> {
  const { accountId } = await me(t);
  const res = await t.request({
    method: "POST",
    url: "/api/v1/users",
    payload: { accountId, email, name: email },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

describe("native cases", async () => {
  const t = await buildTestApp();

  test("create, get, patch with If-Match", async () => {
    const created = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: {
        title: "Printer on fire",
        description: "Smoke",
        timeline: [{ kind: "note", body: "Called fire dept" }],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.equal(body.number, 1);
    assert.equal(body.id, "1");
    assert.equal(body.status, "new");
    assert.equal(created.headers.location, "/api/v1/cases/1");
    assert.equal(body.timeline.length, 1);
    assert.equal(body.timeline[0].visibility, "internal");

    const got = await t.request({ method: "GET", url: "/api/v1/cases/1" });
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers.etag, '"1"');
    const unchanged = await t.request({
      method: "GET",
      url: "/api/v1/cases/1",
      headers: { "if-none-match": '"1"' },
    });
    assert.equal(unchanged.statusCode, 304);
    assert.equal(unchanged.body, "");
    assert.equal(unchanged.headers.etag, '"1"');

    const patched = await t.request({
      method: "PATCH",
      url: "/api/v1/cases/1",
      headers: { "if-match": '"1"' },
      payload: { priority: "high" },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().revision, 2);
    const changed = await t.request({
      method: "GET",
      url: "/api/v1/cases/1",
      headers: { "if-none-match": '"1"' },
    });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.json().revision, 2);
    const stale = await t.request({
      method: "PATCH",
      url: "/api/v1/cases/1",
      headers: { "if-match": '"1"' },
      payload: { priority: "low" },
    });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().code, "revision_mismatch");
  });
});

describe("POST /cases", async () => {
  const t = await buildTestApp();
  const queueId = await defaultQueueId(t);
  const admin = await me(t);

  test("creates a case with defaults, Location and ETag", async () => {
    const res = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: { title: "  Monitor flickers  " },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    const body = res.json();
    assert.equal(res.headers.location, `/api/v1/cases/${body.id}`);
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(body, {
      id: "1",
      number: 1,
      title: "Monitor flickers",
      description: "",
      status: "new",
      statusCategory: "unresolved",
      nextStatuses: ["open", "pending", "on_hold", "resolved"],
      priority: "normal",
      type: null,
      parentId: null,
      queueId,
      assigneeId: null,
      reporterId: admin.id,
      requesterId: null,
      accountId: null,
      resolution: null,
      solveReason: null,
      awaiting: false,
      queryPrompt: null,
      customFields: {},
      tags: [],
      revision: 1,
      createdAt: "2026-01-05T09:00:00.000Z",
      updatedAt: "2026-01-05T09:00:00.000Z",
      resolvedAt: null,
      closedAt: null,
      trashedAt: null,
      timeline: [],
    });
    const got = await t.request({ method: "GET", url: "/api/v1/cases/1" });
    const { timeline: _timeline, ...stored } = body;
    assert.deepEqual(got.json(), stored);
  });

  test("takes every writable field and normalises tags", async () => {
    const other = await addUser(t, "reporter@example.com");
    const body = await createCase(t, {
      title: "Full case",
      description: "All fields",
      priority: "urgent",
      type: "problem",
      reporterId: Number(other),
      tags: [" VPN ", "vpn", "Network", ""],
      awaiting: true,
      queryPrompt: "Which office?",
      solveReason: "n/a",
    });
    assert.equal(body.priority, "urgent");
    assert.equal(body.type, "problem");
    assert.equal(body.reporterId, other);
    assert.deepEqual(body.tags, ["vpn", "network"]);
    assert.equal(body.awaiting, true);
    assert.equal(body.queryPrompt, "Which office?");
    assert.equal(body.status, "new");
  });

  test("assigning on create opens the case", async () => {
    const body = await createCase(t, { title: "Assigned", assigneeId: admin.id });
    assert.equal(body.status, "open");
    assert.equal(body.assigneeId, admin.id);
    const pending = await createCase(t, {
      title: "Assigned and pending",
      assigneeId: admin.id,
      status: "pending",
    });
    assert.equal(pending.status, "pending");
  });

  test("an inline requester is created once, then reused by email", async () => {
    const first = await createCase(t, {
      title: "From Ada",
      requester: { email: "ada@example.com", name: "Ada" },
    });
    assert.ok(first.requesterId);
    const [contact, ...more] = await contactsWithEmail(t, "ada@example.com");
    assert.equal(more.length, 0);
    assert.equal(contact!.id, first.requesterId);
    assert.equal(contact!.name, "Ada");

    const again = await createCase(t, {
      title: "Ada again",
      requester: { email: "ADA@example.com", name: "Other" },
    });
    assert.equal(again.requesterId, first.requesterId);
    assert.equal((await contactsWithEmail(t, "ada@example.com")).length, 1);
    assert.equal((await contactsWithEmail(t, "ada@example.com"))[0]!.name, "Ada");

    const explicit = await createCase(t, {
      title: "requesterId wins",
      requesterId: first.requesterId,
      requester: { email: "someone-else@example.com" },
    });
    assert.equal(explicit.requesterId, first.requesterId);
    assert.equal((await contactsWithEmail(t, "someone-else@example.com")).length, 0);
  });

  test("rejected creates name the field and leave nothing behind", async () => {
    const before = await listNumbers(t);
    const contactsBefore = (await allContacts(t)).length;
    const historyBefore = await historyOf(t, before[0]!);
    const cases: [string, Record<string, unknown>, string][] = [
      ["missing title", { description: "no title" }, "title"],
      ["title of the wrong type", { title: 42 }, "title"],
      ["empty title", { title: "" }, "title"],
      ["blank title", { title: "   " }, "title"],
      ["title too long", { title: "x".repeat(501) }, "title"],
      ["unknown property", { title: "x", colour: "red" }, "colour"],
      ["bad priority", { title: "x", priority: "hot" }, "priority"],
      ["bad type", { title: "x", type: "bug" }, "type"],
      ["bad status", { title: "x", status: "done" }, "status"],
      ["tags not an array", { title: "x", tags: "a,b" }, "tags"],
      ["tag not a string", { title: "x", tags: [1] }, "tags.0"],
      ["awaiting as a string", { title: "x", awaiting: "yes" }, "awaiting"],
      ["queueId not an id", { title: "x", queueId: "abc" }, "queueId"],
      ["queueId zero", { title: "x", queueId: 0 }, "queueId"],
      ["unknown queueId", { title: "x", queueId: "999999" }, "queueId"],
      ["unknown assigneeId", { title: "x", assigneeId: 999999 }, "assigneeId"],
      ["unknown reporterId", { title: "x", reporterId: "999999" }, "reporterId"],
      ["unknown requesterId", { title: "x", requesterId: "999999" }, "requesterId"],
      ["unknown parentId", { title: "x", parentId: "999999" }, "parentId"],
      ["unknown accountId", { title: "x", accountId: "999999" }, "accountId"],
      ["undefined custom field", { title: "x", customFields: { nope: 1 } }, "customFields.nope"],
      ["requester without email", { title: "x", requester: { name: "Nobody" } }, "requester.email"],
      ["requester with a bad email", { title: "x", requester: { email: "not-an-email" } }, "requester.email"],
      [
        "interaction without origin",
        { title: "x", timeline: [{ kind: "interaction", body: "hi" }] },
        "timeline.0.origin",
      ],
      ["empty entry body", { title: "x", timeline: [{ kind: "note", body: "" }] }, "timeline.0.body"],
      ["bad entry kind", { title: "x", timeline: [{ kind: "tweet", body: "hi" }] }, "timeline.0.kind"],
      ["NUL in the title", { title: "a\u0000b" }, "title"],
      ["NUL in an entry", { title: "x", timeline: [{ kind: "note", body: "\u0000" }] }, "timeline.0.body"],
      [
        "impossible origin time",
        {
          title: "x",
          timeline: [
            { kind: "interaction", body: "hi", origin: { service: "x", createdAt: "2026-06-30T23:59:60Z" } },
          ],
        },
        "timeline.0.origin.createdAt",
      ],
      [
        "a new requester with an unknown queue",
        { title: "x", requester: { email: "ghost@example.com", name: "Ghost" }, queueId: "999999" },
        "queueId",
      ],
    ];
    for (const [name, payload, field] of cases) {
      const res = await t.request({ method: "POST", url: "/api/v1/cases", payload });
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      assertProblem(res, 400, "validation_failed", field);
    }
    assert.deepEqual(await listNumbers(t), before);
    assert.equal((await allContacts(t)).length, contactsBefore);
    assert.equal((await contactsWithEmail(t, "ghost@example.com")).length, 0);
    assert.deepEqual(await historyOf(t, before[0]!), historyBefore);
    // Rolled-back creates used no number: numbering stays gapless.
    const next = await createCase(t, { title: "After the failures" });
    assert.equal(next.number, before[0]! + 1);
  });

  test("closed on create is the 409 invalid_transition closing by hand gives, and creates nothing", async () => {
    const before = await listNumbers(t);
    const res = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: { title: "x", status: "closed" },
    });
    assertProblem(res, 409, "invalid_transition", "status");
    assert.deepEqual(await listNumbers(t), before);
  });

  test("malformed JSON is a 400 naming the body", async () => {
    const count = (await listNumbers(t)).length;
    for (const payload of ['{"title": "x"', "[1,", "nul"]) {
      const res = await t.request({
        method: "POST",
        url: "/api/v1/cases",
        headers: { "content-type": "application/json" },
        payload,
      });
      assertProblem(res, 400, "malformed_request", "body");
    }
    const notObject = await t.request({ method: "POST", url: "/api/v1/cases", payload: [{ title: "x" }] });
    assertProblem(notObject, 400, "validation_failed", "body");
    // An empty body labelled JSON is no body, which this route needs.
    const empty = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      headers: { "content-type": "application/json" },
      payload: "",
    });
    assertProblem(empty, 400, "validation_failed", "body");
    assert.equal((await listNumbers(t)).length, count);
  });

  test("a body that is not JSON is a 415", async () => {
    const count = (await listNumbers(t)).length;
    for (const [type, payload] of [
      ["text/plain", '{"title":"x"}'],
      ["application/xml", "<case><title>x</title></case>"],
      ["application/x-www-form-urlencoded", "title=x"],
    ] as const) {
      const res = await t.request({
        method: "POST",
        url: "/api/v1/cases",
        headers: { "content-type": type },
        payload,
      });
      assertProblem(res, 415, "unsupported_media_type");
    }
    assert.equal((await listNumbers(t)).length, count);
  });
});

describe("GET /cases/{id}", async () => {
  const t = await buildTestApp();
  const created = await createCase(t, { title: "Exists" });

  test("returns the case with its revision as ETag", async () => {
    const res = await t.request({ method: "GET", url: `/api/v1/cases/${created.id}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.etag, '"1"');
    assert.equal(res.json().title, "Exists");
    await patchCase(t, created.id, { title: "Exists still" });
    const after = await t.request({ method: "GET", url: `/api/v1/cases/${created.id}` });
    assert.equal(after.headers.etag, '"2"');
    assert.equal(after.json().revision, 2);
  });

  test("an unknown id is a 404 case_not_found", async () => {
    assertProblem(await t.request({ method: "GET", url: "/api/v1/cases/2" }), 404, "case_not_found");
    assertProblem(await t.request({ method: "GET", url: "/api/v1/cases/424242" }), 404, "case_not_found");
  });

  test("malformed ids are a 404 on every case route, never a 500", async () => {
    const ids = [
      "abc",
      "0",
      "-1",
      "1.5",
      "99999999999999999999",
      "%00",
      "9999999999999999",
      "1e3",
      "01",
      "0x1",
      "%20",
    ];
    for (const id of ids) {
      const attempts = caseRoutes(id);
      for (const attempt of attempts) {
        const res = await t.request({ ...attempt });
        assert.equal(res.statusCode, 404, `${attempt.method} ${attempt.url}: ${res.body}`);
        assertProblem(res, 404, "case_not_found");
      }
    }
    assert.equal((await getCase(t, created.id)).revision, 2);
  });
});

describe("PATCH /cases/{id}", async () => {
  const t = await buildTestApp();
  const admin = await me(t);

  test("changes only the fields sent and bumps the revision", async () => {
    const c = await createCase(t, { title: "Original", description: "Keep me", tags: ["a"] });
    advance(t, 60);
    const res = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      payload: { priority: "high" },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, '"2"');
    const body = res.json();
    assert.equal(body.priority, "high");
    assert.equal(body.title, "Original");
    assert.equal(body.description, "Keep me");
    assert.deepEqual(body.tags, ["a"]);
    assert.equal(body.revision, 2);
    assert.equal(body.createdAt, c.createdAt);
    assert.equal(body.updatedAt, t.clock.now.toISOString());
    assert.deepEqual(await getCase(t, c.id), body);

    const cleared = await patchCase(t, c.id, { tags: [], description: "", type: "task" });
    assert.deepEqual(cleared.tags, []);
    assert.equal(cleared.description, "");
    assert.equal(cleared.type, "task");
    assert.equal(cleared.revision, 3);
  });

  test("a change that alters nothing keeps the revision and writes no history", async () => {
    const c = await createCase(t, { title: "Same", priority: "low" });
    const history = await historyOf(t, c.id);
    const res = await patchCase(t, c.id, { title: "Same", priority: "low" });
    assert.equal(res.revision, 1);
    assert.deepEqual(await historyOf(t, c.id), history);
  });

  test("If-Match: a stale revision is a 412 and changes nothing; * and weak tags work", async () => {
    const c = await createCase(t, { title: "Guarded" });
    await patchCase(t, c.id, { priority: "high" });
    const history = await historyOf(t, c.id);
    for (const ifMatch of ['"1"', '"3"', 'W/"1"']) {
      const stale = await t.request({
        method: "PATCH",
        url: `/api/v1/cases/${c.id}`,
        headers: { "if-match": ifMatch },
        payload: { title: "Lost update" },
      });
      assertProblem(stale, 412, "revision_mismatch");
    }
    for (const ifMatch of ['"abc"', "banana", 'W/"-1"'])
      for (const url of [`/api/v1/cases/${c.id}`, `/api/v1/cases/${c.id}/timeline`])
        assertProblem(
          await t.request({
            method: url.endsWith("timeline") ? "POST" : "PATCH",
            url,
            headers: { "if-match": ifMatch },
            payload: url.endsWith("timeline") ? { kind: "note", body: "Lost" } : { title: "Lost update" },
          }),
          400,
          "validation_failed",
          "If-Match",
        );
    const unchanged = await getCase(t, c.id);
    assert.equal(unchanged.title, "Guarded");
    assert.equal(unchanged.revision, 2);
    assert.deepEqual(await historyOf(t, c.id), history);

    const weak = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      headers: { "if-match": 'W/"2"' },
      payload: { title: "Weak" },
    });
    assert.equal(weak.statusCode, 200, weak.body);
    assert.equal(weak.json().revision, 3);
    const strong = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      headers: { "if-match": '"3"' },
      payload: { title: "Strong" },
    });
    assert.equal(strong.statusCode, 200, strong.body);
    assert.equal(strong.headers.etag, '"4"');
    const any = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      headers: { "if-match": "*" },
      payload: { title: "Any" },
    });
    assert.equal(any.statusCode, 200, any.body);
    assert.equal(any.json().title, "Any");
    assert.equal(any.json().revision, 5);
  });

  test("assigning a new case opens it; an assigned case cannot go back to new; unassigning returns it there", async () => {
    const c = await createCase(t, { title: "Unassigned" });
    assert.equal(c.status, "new");
    const assigned = await patchCase(t, c.id, { assigneeId: admin.id });
    assert.equal(assigned.status, "open");
    const back = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      payload: { status: "new" },
    });
    assertProblem(back, 409, "invalid_transition", "status");
    const unassigned = await patchCase(t, c.id, { assigneeId: null });
    assert.equal(unassigned.status, "new");
    assert.equal(unassigned.assigneeId, null);
  });

  test("nobody closes a case by hand", async () => {
    const c = await createCase(t, { title: "Close me" });
    const res = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      payload: { status: "closed" },
    });
    assertProblem(res, 409, "invalid_transition", "status");
    const after = await getCase(t, c.id);
    assert.equal(after.status, "new");
    assert.equal(after.revision, 1);
  });

  test("resolving and reopening stamp and clear resolvedAt", async () => {
    const c = await createCase(t, { title: "Resolve me" });
    advance(t, 30);
    const resolved = await patchCase(t, c.id, { status: "resolved" });
    assert.equal(resolved.status, "resolved");
    assert.equal(resolved.resolvedAt, t.clock.now.toISOString());
    const reopened = await patchCase(t, c.id, { status: "open" });
    assert.equal(reopened.resolvedAt, null);
    assert.equal(reopened.status, "open");
  });

  test("bad patches name the field and change nothing", async () => {
    const c = await createCase(t, { title: "Patch target" });
    const history = await historyOf(t, c.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: null }, "title"],
      [{ title: "" }, "title"],
      [{ title: "   " }, "title"],
      [{ priority: "hot" }, "priority"],
      [{ status: "done" }, "status"],
      [{ colour: "red" }, "colour"],
      [{ queueId: "999999" }, "queueId"],
      [{ assigneeId: "999999" }, "assigneeId"],
      [{ parentId: c.id }, "parentId"],
      [{ tags: ["x".repeat(101)] }, "tags.0"],
      [{ description: "\u0000" }, "description"],
    ];
    for (const [payload, field] of cases) {
      const res = await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload });
      assertProblem(res, 400, "validation_failed", field);
    }
    assertProblem(
      await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload: {} }),
      400,
      "validation_failed",
    );
    const after = await getCase(t, c.id);
    assert.equal(after.revision, 1);
    assert.equal(after.title, "Patch target");
    assert.deepEqual(await historyOf(t, c.id), history);
  });

  test("a workspace that requires a resolution refuses to resolve without one", async () => {
    const settings = await t.request({
      method: "PATCH",
      url: "/api/v1/workspace",
      payload: { resolutionRequired: true },
    });
    assert.equal(settings.statusCode, 200, settings.body);
    assert.equal(settings.json().resolutionRequired, true);
    try {
      const c = await createCase(t, { title: "Needs a resolution" });
      const history = await historyOf(t, c.id);
      for (const payload of [{ status: "resolved" }, { status: "resolved", resolution: "   " }]) {
        const res = await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload });
        assertProblem(res, 400, "validation_failed", "resolution");
      }
      const onCreate = await t.request({
        method: "POST",
        url: "/api/v1/cases",
        payload: { title: "x", status: "resolved" },
      });
      assertProblem(onCreate, 400, "validation_failed", "resolution");
      const unchanged = await getCase(t, c.id);
      assert.equal(unchanged.status, "new");
      assert.equal(unchanged.revision, 1);
      assert.deepEqual(await historyOf(t, c.id), history);

      const resolved = await patchCase(t, c.id, { status: "resolved", resolution: "Replaced the cable" });
      assert.equal(resolved.status, "resolved");
      assert.equal(resolved.resolution, "Replaced the cable");
      assert.equal(resolved.revision, 2);
    } finally {
      await t.request({ method: "PATCH", url: "/api/v1/workspace", payload: { resolutionRequired: false } });
    }
  });
});

describe("closed cases", async () => {
  const t = await buildTestApp();

  test("a closed case accepts no change", async () => {
    const settings = await t.request({
      method: "PATCH",
      url: "/api/v1/workspace",
      payload: { closeDelaySeconds: 60 },
    });
    assert.equal(settings.json().closeDelaySeconds, 60);
    const c = await createCase(t, { title: "Soon closed" });
    await patchCase(t, c.id, { status: "resolved", resolution: "Done" });
    advance(t, 59);
    assert.equal(await closeDueCases({ db: t.db, now: () => t.clock.now }), 0);
    assert.equal((await getCase(t, c.id)).status, "resolved");
    advance(t, 2);
    assert.equal(await closeDueCases({ db: t.db, now: () => t.clock.now }), 1);
    const closed = await getCase(t, c.id);
    assert.equal(closed.status, "closed");
    assert.equal(closed.closedAt, t.clock.now.toISOString());
    assert.equal(closed.revision, 3);
    const history = await historyOf(t, c.id);
    assert.equal(history.at(-1)!.action, "closed");
    assert.equal(history.at(-1)!.actor.type, "system");

    for (const payload of [
      { title: "Too late" },
      { status: "open" },
      { status: "resolved" },
      { priority: "high" },
    ]) {
      const res = await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload });
      assertProblem(res, 409, "case_closed");
    }
    const note = await t.request({
      method: "POST",
      url: `/api/v1/cases/${c.id}/timeline`,
      payload: { kind: "note", body: "After closing" },
    });
    assertProblem(note, 409, "case_closed");
    assert.deepEqual(await getCase(t, c.id), closed);
    assert.deepEqual(await historyOf(t, c.id), history);
    await t.request({ method: "PATCH", url: "/api/v1/workspace", payload: { closeDelaySeconds: 0 } });
  });
});

describe("GET /cases (filters, sort and pagination)", async () => {
  const t = await buildTestApp();
  const T0 = t.clock.now.getTime();
  const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
  const u1 = await addUser(t, "agent1@example.com");
  const u2 = await addUser(t, "agent2@example.com");
  const defaultQueue = await defaultQueueId(t);
  const network = await t.request({ method: "POST", url: "/api/v1/queues", payload: { name: "Network" } });
  assert.equal(network.statusCode, 201, network.body);
  const q2 = network.json().id as string;

  const c1 = await createCase(t, {
    title: "Printer jam on floor 3",
    priority: "low",
    type: "incident",
    tags: ["Hardware", "printer"],
    assigneeId: u1,
    requester: { email: "alice@example.com", name: "Alice" },
  });
  advance(t, 3600);
  const c2 = await createCase(t, {
    title: "VPN down",
    priority: "urgent",
    type: "incident",
    tags: ["network"],
    assigneeId: u2,
    queueId: q2,
  });
  advance(t, 3600);
  const c3 = await createCase(t, {
    title: "Password reset",
    type: "question",
    requester: { email: "bob@example.com" },
  });
  advance(t, 3600);
  const c4 = await createCase(t, {
    title: "New laptop",
    description: "Needs a docking station",
    priority: "high",
    type: "task",
    tags: ["hardware"],
  });
  const c5 = await createCase(t, {
    title: "Email bounce",
    status: "pending",
    assigneeId: u1,
    requester: { email: "alice@example.com" },
    timeline: [{ kind: "note", body: "The mail server answered with a quokka error" }],
  });
  advance(t, 2 * 3600);
  const c6 = await createCase(t, { title: "Spam message" });
  const trashed = await t.request({ method: "DELETE", url: `/api/v1/cases/${c6.id}` });
  assert.equal(trashed.statusCode, 200, trashed.body);
  advance(t, 3600);
  await patchCase(t, c3.id, { priority: "high" });
  advance(t, 3600);
  const added = await t.request({
    method: "POST",
    url: `/api/v1/cases/${c2.id}/timeline`,
    payload: { kind: "note", body: "Router replaced by the wombat team" },
  });
  assert.equal(added.statusCode, 201, added.body);
  const alice = c1.requesterId as string;
  const bob = c3.requesterId as string;
  assert.equal(c5.requesterId, alice);
  assert.deepEqual(
    [c1, c2, c3, c4, c5, c6].map((c) => c.number),
    [1, 2, 3, 4, 5, 6],
  );

  test("without filters: every case not in the trash, newest number first", async () => {
    const res = await t.request({ method: "GET", url: "/api/v1/cases" });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ["data", "next"]);
    assert.equal(body.next, null);
    assert.deepEqual(
      body.data.map((c: WireCase) => c.number),
      [5, 4, 3, 2, 1],
    );
    assert.equal(body.data[4].title, "Printer jam on floor 3");
    assert.equal("timeline" in body.data[0], false);
  });

  test("each filter selects the matching cases", async () => {
    const expectations: [string, number[]][] = [
      ["status=new", [4, 3]],
      ["status=open,pending", [5, 2, 1]],
      ["status=resolved", []],
      ["priority=high", [4, 3]],
      ["priority=low,urgent", [2, 1]],
      ["type=incident", [2, 1]],
      ["type=question,task", [4, 3]],
      [`queueId=${q2}`, [2]],
      [`queueId=${defaultQueue}`, [5, 4, 3, 1]],
      [`queueId=${defaultQueue},${q2}`, [5, 4, 3, 2, 1]],
      [`assigneeId=${u1}`, [5, 1]],
      ["assigneeId=none", [4, 3]],
      [`assigneeId=none,${u2}`, [4, 3, 2]],
      [`requesterId=${alice}`, [5, 1]],
      [`requesterId=${bob}`, [3]],
      [`requesterId=${alice},${bob}`, [5, 3, 1]],
      ["tag=hardware", [4, 1]],
      ["tag=HARDWARE", [4, 1]],
      ["tag=hardware,printer", [1]],
      ["tag=network", [2]],
      ["tag=missing", []],
      [`createdAfter=${at(2)}`, [5, 4, 3]],
      [`createdBefore=${at(2)}`, [2, 1]],
      [`createdAfter=${at(1)}&createdBefore=${at(3)}`, [3, 2]],
      [`updatedAfter=${at(6)}`, [3, 2]],
      [`updatedBefore=${at(3)}`, [1]],
      [`updatedAfter=${at(3)}&updatedBefore=${at(6)}`, [5, 4]],
      ["q=printer", [1]],
      ["q=VPN", [2]],
      ["q=docking", [4]],
      ["q=quokka", [5]],
      ["q=wombat", [2]],
      ["q=spam", []],
      ["q=nothing%20matches%20this", []],
      ["trashed=true", [6]],
      ["trashed=true&q=spam", [6]],
      ["trashed=false", [5, 4, 3, 2, 1]],
      ["status=open&tag=hardware", [1]],
      ["status=new,open&tag=hardware", [4, 1]],
      ["status=pending&tag=hardware", []],
      ["status=open&tag=hardware,printer", [1]],
      ["status=new&tag=hardware,printer", []],
      [`assigneeId=${u1}&priority=normal`, [5]],
      ["type=incident&priority=urgent&status=open", [2]],
    ];
    for (const [query, numbers] of expectations)
      assert.deepEqual(await listNumbers(t, query), numbers, query);
  });

  test("sorts by number, createdAt, updatedAt and priority, both ways", async () => {
    const expectations: [string, number[]][] = [
      ["number", [1, 2, 3, 4, 5]],
      ["-number", [5, 4, 3, 2, 1]],
      ["createdAt", [1, 2, 3, 4, 5]],
      ["-createdAt", [5, 4, 3, 2, 1]],
      ["updatedAt", [1, 4, 5, 3, 2]],
      ["-updatedAt", [2, 3, 5, 4, 1]],
      ["priority", [1, 5, 3, 4, 2]],
      ["-priority", [2, 4, 3, 5, 1]],
    ];
    for (const [sort, numbers] of expectations)
      assert.deepEqual(await listNumbers(t, `sort=${sort}`), numbers, sort);
  });

  test("keyset pagination walks every case exactly once, in order", async () => {
    for (const sort of [
      "number",
      "-number",
      "createdAt",
      "-createdAt",
      "updatedAt",
      "-updatedAt",
      "priority",
      "-priority",
    ]) {
      const whole = await listNumbers(t, `sort=${sort}`);
      for (const limit of [1, 2, 3]) {
        const walked = (await walkPages(t, `/api/v1/cases?sort=${sort}&limit=${limit}`)).map((c) => c.number);
        assert.deepEqual(walked, whole, `sort=${sort} limit=${limit}`);
      }
    }
    const filtered = (await walkPages(t, "/api/v1/cases?sort=-priority&limit=1&status=open,new")).map(
      (c) => c.number,
    );
    assert.deepEqual(filtered, [2, 4, 3, 1]);
    const first = await t.request({ method: "GET", url: "/api/v1/cases?limit=5" });
    assert.equal(first.json().data.length, 5);
    assert.equal(first.json().next, null);
  });

  test("limit is bounded to 1..500", async () => {
    for (const limit of ["0", "501", "-1", "abc", "1.5"])
      assertProblem(
        await t.request({ method: "GET", url: `/api/v1/cases?limit=${limit}` }),
        400,
        "validation_failed",
        "query.limit",
      );
    const max = await t.request({ method: "GET", url: "/api/v1/cases?limit=500" });
    assert.equal(max.statusCode, 200);
    assert.equal(max.json().data.length, 5);
  });

  test("a cursor that this list did not hand out is a 400 naming cursor", async () => {
    const page = await t.request({ method: "GET", url: "/api/v1/cases?sort=number&limit=2" });
    const next = page.json().next as string;
    assert.ok(next);
    const bad = [
      "garbage!",
      "zzz",
      encodeCursor({ after: 1 }),
      encodeCursor(["number", "asc", 1]),
      encodeCursor(["number", "asc", 1, "2"]),
      encodeCursor(["priority", "asc", 2, 2]),
      encodeCursor(["number", "desc", 2, 2]),
    ];
    for (const cursor of bad)
      assertProblem(
        await t.request({
          method: "GET",
          url: `/api/v1/cases?sort=number&cursor=${encodeURIComponent(cursor)}`,
        }),
        400,
        "validation_failed",
        "query.cursor",
      );
    assertProblem(
      await t.request({ method: "GET", url: `/api/v1/cases?sort=-number&cursor=${next}` }),
      400,
      "validation_failed",
      "query.cursor",
    );
    // Tampered sort values must not reach the database as something it cannot cast.
    const tampered = [
      ["priority", ["priority", "asc", 99999, 1]],
      ["priority", ["priority", "asc", "2026-01-01", 1]],
      ["priority", ["priority", "asc", 0, 1]],
      ["createdAt", ["createdAt", "asc", 5, 1]],
      ["createdAt", ["createdAt", "asc", "5", 1]],
      ["createdAt", ["createdAt", "asc", "2026-02-30T00:00:00Z", 1]],
      ["updatedAt", ["updatedAt", "asc", "0000-01-01T00:00:00.000Z", 1]],
      ["createdAt", ["createdAt", "asc", "2026-01-05T09:00:00.000Z", 1.5]],
    ] as const;
    for (const [sort, cursor] of tampered)
      assertProblem(
        await t.request({ method: "GET", url: `/api/v1/cases?sort=${sort}&cursor=${encodeCursor(cursor)}` }),
        400,
        "validation_failed",
        "query.cursor",
      );
  });

  test("bad filter values are a 400 naming the parameter", async () => {
    const expectations: [string, string][] = [
      ["status=bogus", "query.status"],
      ["status=new,closedish", "query.status"],
      ["priority=hot", "query.priority"],
      ["type=bug", "query.type"],
      ["queueId=abc", "query.queueId"],
      ["assigneeId=nobody", "query.assigneeId"],
      ["requesterId=none", "query.requesterId"],
      ["requesterId=-1", "query.requesterId"],
      ["parentId=x", "query.parentId"],
      ["parentId=1,2", "query.parentId"],
      ["createdAfter=yesterday", "query.createdAfter"],
      ["createdBefore=2026-02-30T00:00:00Z", "query.createdBefore"],
      ["updatedAfter=2026-02-30", "query.updatedAfter"],
      ["updatedAfter=0000-01-01", "query.updatedAfter"],
      ["updatedBefore=0000-01-01T00:00:00Z", "query.updatedBefore"],
      ["createdAfter=2026-06-30T23:59:60Z", "query.createdAfter"],
      ["trashed=maybe", "query.trashed"],
      ["sort=title", "query.sort"],
      ["q=", "query.q"],
      ["q=%00", "query.q"],
      ["tag=a%00", "query.tag"],
      ["colour=red", "query.colour"],
    ];
    for (const [query, field] of expectations)
      assertProblem(
        await t.request({ method: "GET", url: `/api/v1/cases?${query}` }),
        400,
        "validation_failed",
        field,
      );
  });

  test("free text takes words and operators without failing", async () => {
    for (const q of ["printer OR", '"unbalanced', "-", "!!", "a & | b", "'"])
      assert.equal(
        (await t.request({ method: "GET", url: `/api/v1/cases?q=${encodeURIComponent(q)}` })).statusCode,
        200,
        q,
      );
    assert.deepEqual(await listNumbers(t, `q=${encodeURIComponent("printer OR vpn")}`), [2, 1]);
    assert.deepEqual(await listNumbers(t, `q=${encodeURIComponent("printer -jam")}`), []);
  });
});

describe("GET /cases pagination under inserts", async () => {
  const t = await buildTestApp();
  for (let i = 1; i <= 4; i++) await createCase(t, { title: `Case ${i}` });

  test("a case added between pages appears once at the end (ascending) or not at all (descending)", async () => {
    const asc = await t.request({ method: "GET", url: "/api/v1/cases?sort=number&limit=2" });
    const desc = await t.request({ method: "GET", url: "/api/v1/cases?sort=-number&limit=2" });
    assert.deepEqual(
      asc.json().data.map((c: WireCase) => c.number),
      [1, 2],
    );
    assert.deepEqual(
      desc.json().data.map((c: WireCase) => c.number),
      [4, 3],
    );
    await createCase(t, { title: "Case 5" });
    const ascRest = await walkPages(t, "/api/v1/cases?sort=number&limit=2", { cursor: asc.json().next });
    assert.deepEqual(
      ascRest.map((c) => c.number),
      [3, 4, 5],
    );
    const descRest = await walkPages(t, "/api/v1/cases?sort=-number&limit=2", { cursor: desc.json().next });
    assert.deepEqual(
      descRest.map((c) => c.number),
      [2, 1],
    );
  });
});

describe("Idempotency-Key on POST /cases", async () => {
  const t = await buildTestApp();

  test("a retry with the same key and body replays the first response and creates nothing", async () => {
    const payload = { title: "Once only", timeline: [{ kind: "note", body: "first" }] };
    const headers = { "idempotency-key": "create-once-1" };
    const first = await t.request({ method: "POST", url: "/api/v1/cases", headers, payload });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.headers["idempotent-replayed"], undefined);
    advance(t, 5);
    const retry = await t.request({ method: "POST", url: "/api/v1/cases", headers, payload });
    assert.equal(retry.statusCode, 201, retry.body);
    assert.equal(retry.headers["idempotent-replayed"], "true");
    assert.equal(retry.headers.location, first.headers.location);
    assert.equal(retry.headers.etag, first.headers.etag);
    assert.deepEqual(retry.json(), first.json());
    assert.deepEqual(await listNumbers(t), [first.json().number]);
    assert.equal((await historyOf(t, first.json().id)).length, 1);
  });

  test("the same key with a different body is a 422", async () => {
    const headers = { "idempotency-key": "create-once-2" };
    const first = await t.request({ method: "POST", url: "/api/v1/cases", headers, payload: { title: "A" } });
    assert.equal(first.statusCode, 201);
    const before = await listNumbers(t);
    const reused = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      headers,
      payload: { title: "B" },
    });
    assertProblem(reused, 422, "idempotency_key_reused");
    assert.deepEqual(await listNumbers(t), before);
  });

  test("a request that failed did not use up its key", async () => {
    const headers = { "idempotency-key": "create-once-3" };
    const before = await listNumbers(t);
    const payload = { title: "Bad queue", queueId: "999999" };
    const failed = await t.request({ method: "POST", url: "/api/v1/cases", headers, payload });
    assertProblem(failed, 400, "validation_failed", "queueId");
    const again = await t.request({ method: "POST", url: "/api/v1/cases", headers, payload });
    assertProblem(again, 400, "validation_failed", "queueId");
    assert.equal(again.headers["idempotent-replayed"], undefined);
    const fixed = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      headers,
      payload: { title: "Good" },
    });
    assert.equal(fixed.statusCode, 201, fixed.body);
    assert.deepEqual(await listNumbers(t), [fixed.json().number, ...before]);
  });

  test("a key must be 1 to 255 characters", async () => {
    const before = await listNumbers(t);
    for (const key of ["", "k".repeat(256)])
      assertProblem(
        await t.request({
          method: "POST",
          url: "/api/v1/cases",
          headers: { "idempotency-key": key },
          payload: { title: "x" },
        }),
        400,
        "validation_failed",
        "Idempotency-Key",
      );
    assert.deepEqual(await listNumbers(t), before);
  });

  test("20 concurrent requests with one key create exactly one case", async () => {
    const before = await listNumbers(t);
    const payload = { title: "Stampede", requester: { email: "stampede@example.com" } };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.request({
          method: "POST",
          url: "/api/v1/cases",
          headers: { "idempotency-key": "stampede" },
          payload,
        }),
      ),
    );
    for (const res of responses) assert.equal(res.statusCode, 201, res.body);
    const ids = new Set(responses.map((res) => res.json().id));
    assert.equal(ids.size, 1);
    assert.equal(responses.filter((res) => res.headers["idempotent-replayed"] === "true").length, 19);
    const after = await listNumbers(t);
    assert.equal(after.length, before.length + 1);
    assert.equal(String(after[0]), [...ids][0]);
    const contacts = await t.request({ method: "GET", url: "/api/v1/contacts?email=stampede@example.com" });
    assert.equal(contacts.json().data.length, 1);
  });

  test("restore honours the key too", async () => {
    const c = await createCase(t, { title: "Restore once" });
    await t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}` });
    const headers = { "idempotency-key": "restore-1" };
    const first = await t.request({ method: "POST", url: `/api/v1/cases/${c.id}/restore`, headers });
    assert.equal(first.statusCode, 200, first.body);
    const retry = await t.request({ method: "POST", url: `/api/v1/cases/${c.id}/restore`, headers });
    assert.equal(retry.statusCode, 200, retry.body);
    assert.equal(retry.headers["idempotent-replayed"], "true");
    assert.deepEqual(retry.json(), first.json());
    assert.equal((await getCase(t, c.id)).revision, 3);
  });
});

describe("trash, restore and purge", async () => {
  const t = await buildTestApp();

  test("trash hides a case from the list; restore brings it back", async () => {
    const c = await createCase(t, { title: "Trash me" });
    advance(t, 10);
    const res = await t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, '"2"');
    assert.equal(res.json().trashedAt, t.clock.now.toISOString());
    assert.equal(res.json().revision, 2);
    assert.equal((await listNumbers(t)).includes(c.number), false);
    assert.equal((await listNumbers(t, "trashed=true")).includes(c.number), true);
    assert.equal((await getCase(t, c.id)).trashedAt, t.clock.now.toISOString());

    assertProblem(await t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}` }), 409, "case_trashed");
    assertProblem(
      await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload: { title: "x" } }),
      409,
      "case_trashed",
    );
    assertProblem(
      await t.request({
        method: "POST",
        url: `/api/v1/cases/${c.id}/timeline`,
        payload: { kind: "note", body: "x" },
      }),
      409,
      "case_trashed",
    );
    assert.equal((await getCase(t, c.id)).revision, 2);

    const restored = await t.request({ method: "POST", url: `/api/v1/cases/${c.id}/restore` });
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal(restored.json().trashedAt, null);
    assert.equal(restored.json().revision, 3);
    assert.equal((await listNumbers(t)).includes(c.number), true);
    assert.equal((await listNumbers(t, "trashed=true")).includes(c.number), false);
    assertProblem(
      await t.request({ method: "POST", url: `/api/v1/cases/${c.id}/restore` }),
      409,
      "case_not_trashed",
    );

    const actions = (await historyOf(t, c.id)).map((r) => [r.action, r.revision]);
    assert.deepEqual(actions, [
      ["created", 1],
      ["trashed", 2],
      ["restored", 3],
    ]);
  });

  test("purge deletes only a trashed case, for good", async () => {
    const c = await createCase(t, { title: "Purge me", timeline: [{ kind: "note", body: "secret" }] });
    const early = await t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}?permanent=true` });
    assertProblem(early, 409, "case_not_trashed");
    assert.equal((await getCase(t, c.id)).revision, 1);

    await t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}` });
    const purged = await t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}?permanent=true` });
    assert.equal(purged.statusCode, 204, purged.body);
    assert.equal(purged.body, "");
    assertProblem(await t.request({ method: "GET", url: `/api/v1/cases/${c.id}` }), 404, "case_not_found");
    assertProblem(
      await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/timeline` }),
      404,
      "case_not_found",
    );
    assertProblem(
      await t.request({ method: "GET", url: `/api/v1/cases/${c.id}/history` }),
      404,
      "case_not_found",
    );
    assertProblem(
      await t.request({ method: "POST", url: `/api/v1/cases/${c.id}/restore` }),
      404,
      "case_not_found",
    );
    assertProblem(
      await t.request({ method: "DELETE", url: `/api/v1/cases/${c.id}?permanent=true` }),
      404,
      "case_not_found",
    );
    assert.equal((await listNumbers(t, "trashed=true")).includes(c.number), false);
    assert.deepEqual(await listNumbers(t, "q=secret&trashed=true"), []);
    // The number is never handed out again.
    const next = await createCase(t, { title: "After purge" });
    assert.equal(next.number, c.number + 1);
    assertProblem(
      await t.request({ method: "DELETE", url: `/api/v1/cases/${next.id}?permanent=maybe` }),
      400,
      "validation_failed",
      "query.permanent",
    );
    assert.equal((await getCase(t, next.id)).trashedAt, null);
  });

  test("subcases follow their parent into the trash, out of it and into oblivion", async () => {
    const parent = await createCase(t, { title: "Parent" });
    const child = await createCase(t, { title: "Child", parentId: parent.id });
    const grandchild = await createCase(t, { title: "Grandchild", parentId: Number(child.id) });
    const sibling = await createCase(t, { title: "Unrelated" });
    assert.equal(child.parentId, parent.id);
    assert.equal(grandchild.parentId, child.id);
    assert.deepEqual(await listNumbers(t, `parentId=${parent.id}`), [child.number]);

    await t.request({ method: "DELETE", url: `/api/v1/cases/${parent.id}` });
    for (const c of [parent, child, grandchild]) {
      const got = await getCase(t, c.id);
      assert.ok(got.trashedAt, `${c.title} is trashed`);
      assert.equal(got.revision, 2);
    }
    assert.equal((await getCase(t, sibling.id)).trashedAt, null);
    const visible = await listNumbers(t);
    for (const c of [parent, child, grandchild]) assert.equal(visible.includes(c.number), false);
    assert.equal(visible.includes(sibling.number), true);
    assert.deepEqual(
      (await listNumbers(t, "trashed=true")).filter((n) => n >= parent.number),
      [grandchild.number, child.number, parent.number],
    );

    await t.request({ method: "POST", url: `/api/v1/cases/${parent.id}/restore` });
    for (const c of [parent, child, grandchild]) assert.equal((await getCase(t, c.id)).trashedAt, null);

    await t.request({ method: "DELETE", url: `/api/v1/cases/${parent.id}` });
    const purged = await t.request({ method: "DELETE", url: `/api/v1/cases/${parent.id}?permanent=true` });
    assert.equal(purged.statusCode, 204, purged.body);
    for (const c of [parent, child, grandchild])
      assertProblem(await t.request({ method: "GET", url: `/api/v1/cases/${c.id}` }), 404, "case_not_found");
    assert.equal((await getCase(t, sibling.id)).trashedAt, null);
  });

  test("a subcase can be trashed and purged without its parent", async () => {
    const parent = await createCase(t, { title: "Stays" });
    const child = await createCase(t, { title: "Goes", parentId: parent.id });
    await t.request({ method: "DELETE", url: `/api/v1/cases/${child.id}` });
    assert.equal((await getCase(t, parent.id)).trashedAt, null);
    const purged = await t.request({ method: "DELETE", url: `/api/v1/cases/${child.id}?permanent=true` });
    assert.equal(purged.statusCode, 204);
    assert.equal((await getCase(t, parent.id)).revision, 1);
  });

  test("a parent cycle is rejected", async () => {
    const a = await createCase(t, { title: "A" });
    const b = await createCase(t, { title: "B", parentId: a.id });
    const c = await createCase(t, { title: "C", parentId: b.id });
    for (const [target, parentId] of [
      [a, b.id],
      [a, c.id],
      [b, c.id],
      [a, a.id],
    ] as const) {
      const res = await t.request({
        method: "PATCH",
        url: `/api/v1/cases/${target.id}`,
        payload: { parentId },
      });
      assertProblem(res, 400, "validation_failed", "parentId");
    }
    assert.equal((await getCase(t, a.id)).parentId, null);
    assert.equal((await getCase(t, a.id)).revision, 1);
    // Moving a subtree elsewhere, or detaching it, is fine.
    const other = await createCase(t, { title: "Other" });
    assert.equal((await patchCase(t, c.id, { parentId: other.id })).parentId, other.id);
    assert.equal((await patchCase(t, b.id, { parentId: null })).parentId, null);
    assert.equal((await patchCase(t, a.id, { parentId: b.id })).parentId, b.id);
  });
});
