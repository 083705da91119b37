import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { closeDueCases } from "../../../ops/cases/close-due-cases.ts";
import {
  advance,
  assertProblem,
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
  const res = await t.request({ method: "POST", url: "/api/v1/users", payload: { accountId, email, name: email } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

describe("native cases", async () => {
  const t = await buildTestApp();

  test("create, get, patch with If-Match", async () => {
    const created = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: { title: "Printer on fire", description: "Smoke", timeline: [{ kind: "note", body: "Called fire dept" }] },
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

    const patched = await t.request({
      method: "PATCH",
      url: "/api/v1/cases/1",
      headers: { "if-match": '"1"' },
      payload: { priority: "high" },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().revision, 2);
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
    const res = await t.request({ method: "POST", url: "/api/v1/cases", payload: { title: "  Monitor flickers  " } });
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
    const pending = await createCase(t, { title: "Assigned and pending", assigneeId: admin.id, status: "pending" });
    assert.equal(pending.status, "pending");
  });

  test("an inline requester is created once, then reused by email", async () => {
    const first = await createCase(t, { title: "From Ada", requester: { email: "ada@example.com", name: "Ada" } });
    assert.ok(first.requesterId);
    const [contact, ...more] = await contactsWithEmail(t, "ada@example.com");
    assert.equal(more.length, 0);
    assert.equal(contact!.id, first.requesterId);
    assert.equal(contact!.name, "Ada");

    const again = await createCase(t, { title: "Ada again", requester: { email: "ADA@example.com", name: "Other" } });
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
      ["closed on create", { title: "x", status: "closed" }, "status"],
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
      ["interaction without origin", { title: "x", timeline: [{ kind: "interaction", body: "hi" }] }, "timeline.0.origin"],
      ["empty entry body", { title: "x", timeline: [{ kind: "note", body: "" }] }, "timeline.0.body"],
      ["bad entry kind", { title: "x", timeline: [{ kind: "tweet", body: "hi" }] }, "timeline.0.kind"],
      ["NUL in the title", { title: "a\u0000b" }, "title"],
      ["NUL in an entry", { title: "x", timeline: [{ kind: "note", body: "\u0000" }] }, "timeline.0.body"],
      [
        "impossible origin time",
        { title: "x", timeline: [{ kind: "interaction", body: "hi", origin: { service: "x", createdAt: "2026-06-30T23:59:60Z" } }] },
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

  test("malformed JSON is a 400 naming the body", async () => {
    const count = (await listNumbers(t)).length;
    for (const payload of ['{"title": "x"', "", "[1,", "nul"]) {
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
    assert.equal((await listNumbers(t)).length, count);
  });

  test("a body that is not JSON is a 415", async () => {
    const count = (await listNumbers(t)).length;
    for (const [type, payload] of [
      ["text/plain", '{"title":"x"}'],
      ["application/xml", "<case><title>x</title></case>"],
      ["application/x-www-form-urlencoded", "title=x"],
    ] as const) {
      const res = await t.request({ method: "POST", url: "/api/v1/cases", headers: { "content-type": type }, payload });
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
    const ids = ["abc", "0", "-1", "1.5", "99999999999999999999", "%00", "9999999999999999", "1e3", "01", "0x1", "%20"];
    for (const id of ids) {
      const attempts = [
        { method: "GET", url: `/api/v1/cases/${id}` },
        { method: "PATCH", url: `/api/v1/cases/${id}`, payload: { title: "x" } },
        { method: "DELETE", url: `/api/v1/cases/${id}` },
        { method: "DELETE", url: `/api/v1/cases/${id}?permanent=true` },
        { method: "POST", url: `/api/v1/cases/${id}/restore` },
        { method: "GET", url: `/api/v1/cases/${id}/timeline` },
        { method: "POST", url: `/api/v1/cases/${id}/timeline`, payload: { kind: "note", body: "x" } },
        { method: "GET", url: `/api/v1/cases/${id}/history` },
      ] as const;
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
    const res = await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload: { priority: "high" } });
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
    for (const ifMatch of ['"1"', '"3"', 'W/"1"', '"abc"', "garbage"]) {
      const stale = await t.request({
        method: "PATCH",
        url: `/api/v1/cases/${c.id}`,
        headers: { "if-match": ifMatch },
        payload: { title: "Lost update" },
      });
      assertProblem(stale, 412, "revision_mismatch");
    }
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

  test("assigning a new case opens it; an assigned case cannot go back to new", async () => {
    const c = await createCase(t, { title: "Unassigned" });
    assert.equal(c.status, "new");
    const assigned = await patchCase(t, c.id, { assigneeId: admin.id });
    assert.equal(assigned.status, "open");
    const back = await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload: { status: "new" } });
    assertProblem(back, 409, "invalid_transition", "status");
    const unassigned = await patchCase(t, c.id, { assigneeId: null });
    assert.equal(unassigned.status, "open");
    assert.equal(unassigned.assigneeId, null);
    assert.equal((await patchCase(t, c.id, { status: "new" })).status, "new");
  });

  test("nobody closes a case by hand", async () => {
    const c = await createCase(t, { title: "Close me" });
    const res = await t.request({ method: "PATCH", url: `/api/v1/cases/${c.id}`, payload: { status: "closed" } });
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
      const onCreate = await t.request({ method: "POST", url: "/api/v1/cases", payload: { title: "x", status: "resolved" } });
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
    const settings = await t.request({ method: "PATCH", url: "/api/v1/workspace", payload: { closeDelaySeconds: 60 } });
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

    for (const payload of [{ title: "Too late" }, { status: "open" }, { status: "resolved" }, { priority: "high" }]) {
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

