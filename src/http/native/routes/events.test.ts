import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import { accessFixture, MARKERS } from "../../../../test/access-fixture.ts";
import { assertProblem } from "../../../../test/native.ts";
import { readSse } from "../../../../test/sse.ts";

/** How long a read of the retained events listens: long enough for a loaded machine to send them all. */
const READ_MS = 5_000;

describe("the event stream", async () => {
  const { t, ids, keys } = await accessFixture();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/events`;
  const auth = (key: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${key}`,
    ...extra,
  });
  /** Everything retained, from the start (an unknown Last-Event-ID starts at the oldest event). */
  const everything = (key: string, query = "") =>
    readSse(`${base}${query}`, auth(key, { "last-event-id": "0" }), () => false, READ_MS);

  test("an operations admin sees every event of the workspace, in order, and nothing of another", async () => {
    const { status, contentType, events } = await everything(keys.admin);
    assert.equal(status, 200);
    assert.match(contentType ?? "", /^text\/event-stream/);
    assert.ok(events.length > 10, `got ${events.length} events`);
    const numbers = events.map((e) => Number(e.id.slice(4)));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
    assert.ok(events.every((e) => e.id === e.data.id && e.event === e.data.type));
    const text = JSON.stringify(events);
    assert.ok(text.includes(MARKERS.hidden), "the admin sees internal entries and hidden fields");
    assert.ok(!text.includes(MARKERS.theirs), "another workspace's events never appear");
  });

  test("a client user sees only its account's cases, without internal entries, hidden fields or awaiting", async () => {
    const { events } = await everything(keys.client);
    const text = JSON.stringify(events);
    assert.ok(!text.includes(MARKERS.hidden), "nothing internal leaks");
    assert.ok(!text.includes(MARKERS.theirs));
    assert.ok(events.length > 0, "the client's own case is there");
    assert.ok(
      events.every((e) => e.data.subject.type === "case" && e.data.subject.id === String(ids.clientCase)),
    );
    for (const e of events) {
      const data = e.data.data as { object: { awaiting: boolean }; changes: { field: string }[] };
      assert.equal(data.object.awaiting, false);
      assert.ok(!data.changes.some((c) => c.field === "awaiting"));
    }
  });

  test("topic and case filters; Last-Event-ID resumes after that event", async () => {
    const created = await everything(keys.admin, "?topics=case.created");
    assert.ok(created.events.length >= 5);
    assert.ok(created.events.every((e) => e.data.topics.includes("case.created")));
    const one = await everything(keys.admin, `?case=${ids.clientCase}`);
    assert.ok(one.events.every((e) => e.data.subject.id === String(ids.clientCase)));
    const middle = created.events[2]!.id;
    const resumed = await readSse(
      `${base}?topics=case.created`,
      auth(keys.admin, { "last-event-id": middle }),
      () => false,
      READ_MS,
    );
    assert.deepEqual(
      resumed.events.map((e) => e.id),
      created.events.slice(3).map((e) => e.id),
    );
  });

  test("a live stream hears new commits, and the client's only its own", async () => {
    const admin = readSse(base, auth(keys.admin), (events) =>
      events.some((e) => e.data.type === "case.created"),
    );
    const client = readSse(base, auth(keys.client), (events) => events.length > 0, 3000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await t.request({ method: "POST", url: "/api/v1/cases", payload: { title: "live one" } });
    assert.equal(res.statusCode, 201);
    const heard = await admin;
    assert.equal(heard.events[0]?.data.subject.id, res.json().id);
    assert.deepEqual((await client).events, [], "an operations case is not the client's");
  });

  test("bad filters are a 400 naming the field; credentials are needed", async () => {
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/events?topics=case.nope" }),
      400,
      "validation_failed",
      "query.topics",
    );
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/events?case=abc" }),
      400,
      "validation_failed",
      "query.case",
    );
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/events", key: null }),
      401,
      "unauthenticated",
    );
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/events", key: keys.writer }),
      403,
      "forbidden",
    );
  });
});
