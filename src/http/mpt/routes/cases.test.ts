/** MPT cases: the seed object, minimal create, reads, PUT, the actions on the one lifecycle, ids and errors. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt, type Roles, seedRoles } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT cases", () => {
  let t: TestApp;
  let roles: Roles;
  let queue: string;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
    const queues = (await mpt(t, { method: "GET", url: "/helpdesk/queues" })).json() as Json;
    queue = queues.data[0].id;
  });

  const create = (payload: Json, key?: string) =>
    mpt(t, { method: "POST", url: "/helpdesk/cases", payload, ...(key ? { key } : {}) });
  const minimal = () => ({
    queue: { id: queue },
    chat: { lastMessage: { content: "My printer is on fire\nPlease help" } },
  });

  test("minimal create makes the case, its chat and its opening message, shaped like the seed", async () => {
    const res = await create(minimal());
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json() as Json;
    assert.match(c.id, /^CAS-\d{4}-\d{4}-\d{4}$/);
    assert.equal(c.chat.id, c.id.replace("CAS-", "CHT-"));
    assert.equal(c.chat.type, "Case");
    assert.equal(c.revision, 1);
    assert.deepEqual(c.parameters, []);
    assert.equal(c.status, "Processing");
    assert.equal(c.awaiting, false);
    assert.equal(c.queryPrompt, null);
    assert.deepEqual(c.queue, { id: queue, name: "General" });
    assert.equal(c.assignee, null);
    assert.match(c.reporter.id, /^USR-\d{4}-\d{4}$/);
    // Operations users create for no account unless they name one (see "on behalf" below).
    assert.equal(c.account, null);
    assert.equal(c.audit.created.by.id, c.reporter.id);
    assert.match(c.audit.created.at, /^\d{4}-\d{2}-\d{2}T/);
    const messages = (
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${c.chat.id}/messages` })
    ).json() as Json;
    assert.deepEqual(messages.$meta, { pagination: { offset: 0, limit: 10, total: 1 } });
    assert.equal(messages.data[0].content, "My printer is on fire\nPlease help");
    assert.equal(messages.data[0].visibility, "Public");
    assert.equal(messages.data[0].sender.id, c.reporter.id);
    const chat = (await mpt(t, { method: "GET", url: `/helpdesk/chats/${c.chat.id}` })).json() as Json;
    assert.equal(chat.name, "My printer is on fire");
    assert.equal(chat.lastMessage.id, messages.data[0].id);
  });

  test("a case read back by its id is the same object; it is the same case in the native API", async () => {
    const c = (await create(minimal())).json() as Json;
    const read = await mpt(t, { method: "GET", url: `/helpdesk/cases/${c.id}` });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), c);
    const number = Number(c.id.replace(/\D/g, ""));
    const native = (
      await t.request({ method: "GET", url: `/api/v1/cases/${number}/timeline` })
    ).json() as Json;
    assert.equal(native.data[0].body, "My printer is on fire\nPlease help");
    assert.equal(native.data[0].kind, "message");
  });

  test("it is the same case through Talkdesk, both ways: its chat messages are Talkdesk's notes", async () => {
    const c = (await create(minimal())).json() as Json;
    const number = String(Number(c.id.replace(/\D/g, "")));
    const talkdesk = await t.request({ method: "GET", url: `/cm/core/va/cases/${number}` });
    assert.equal(talkdesk.statusCode, 200, talkdesk.body);
    const seen = talkdesk.json() as Json;
    assert.equal(seen.id, number);
    assert.equal(seen.status, "NEW");
    assert.deepEqual(
      seen.notes.map((note: Json) => note.note_body),
      ["My printer is on fire\nPlease help"],
    );

    const changed = await t.request({
      method: "PATCH",
      url: `/cm/core/va/cases/${number}`,
      payload: {
        priority: "URGENT",
        notes: [{ note_title: "Call", note_body: "Called the customer", public: true }],
      },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const messages = (
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${c.chat.id}/messages` })
    ).json() as Json;
    assert.deepEqual(
      messages.data.map((message: Json) => message.content),
      ["My printer is on fire\nPlease help", "Called the customer"],
    );
    const reread = (await mpt(t, { method: "GET", url: `/helpdesk/cases/${c.id}` })).json() as Json;
    assert.ok(reread.revision > c.revision, `revision ${reread.revision} after ${c.revision}`);
  });

  test("the doubled prefix reaches the same routes", async () => {
    const c = (await create(minimal())).json() as Json;
    const res = await t.request({ method: "GET", url: `/public/v1/public/v1/helpdesk/cases/${c.id}` });
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as Json).id, c.id);
  });

  test("any malformed or unknown id is a 404 in the problem shape", async () => {
    for (const id of [
      "CAS-0000-0000",
      "HQU-1",
      "CHT-0000-0000-0000",
      "CAS-9999-9999-9999",
      "42",
      "CAS-0000-0000-0001-2",
      "%00",
    ])
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/cases/${id}` }), 404);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/queues/HQU-1" }), 404);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/chats/CHT-0000-0000-0000" }), 404);
  });

  test("the actions walk the one lifecycle; anything else is a 409 with a clear detail", async () => {
    const c = (await create(minimal())).json() as Json;
    const act = (action: string, payload?: unknown) =>
      mpt(t, { method: "POST", url: `/helpdesk/cases/${c.id}/${action}`, ...(payload ? { payload } : {}) });
    assertMptError(await act("process"), 409);
    const queried = await act("query", { queryPrompt: "More details needed" });
    assert.equal(queried.statusCode, 200, queried.body);
    assert.equal((queried.json() as Json).status, "Querying");
    assert.equal((queried.json() as Json).queryPrompt, "More details needed");
    assert.match(assertMptError(await act("query"), 409).detail, /querying/);
    assert.equal(((await act("process")).json() as Json).status, "Processing");
    const completed = (await act("complete")).json() as Json;
    assert.equal(completed.status, "Completed");
    assertMptError(await act("complete"), 409);
    const reopened = (await act("process")).json() as Json;
    assert.equal(reopened.status, "Processing");
    assert.equal(reopened.revision, 5);
    assert.ok(reopened.audit.updated.at);
  });

  test("an action arrives with no body and no content type", async () => {
    const c = (await create(minimal())).json() as Json;
    const res = await t.app.inject({
      method: "POST",
      url: `/public/v1/helpdesk/cases/${c.id}/complete`,
      headers: { authorization: `Bearer ${t.key}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as Json).status, "Completed");
  });

  test("reopen goes back to the last assignee", async () => {
    const c = (await create(minimal())).json() as Json;
    const me = c.reporter.id;
    await mpt(t, { method: "PUT", url: `/helpdesk/cases/${c.id}`, payload: { assignee: { id: me } } });
    await mpt(t, { method: "POST", url: `/helpdesk/cases/${c.id}/complete` });
    await mpt(t, { method: "PUT", url: `/helpdesk/cases/${c.id}`, payload: { assignee: null } });
    const reopened = (
      await mpt(t, { method: "POST", url: `/helpdesk/cases/${c.id}/process` })
    ).json() as Json;
    assert.equal(reopened.assignee?.id, me);
  });

  test("PUT takes a whole echoed object, checks the revision and ignores read-only properties", async () => {
    const c = (await create(minimal())).json() as Json;
    const echoed = { ...c, awaiting: true, status: "Completed", id: "CAS-0000-0000-0001" };
    const res = await mpt(t, { method: "PUT", url: `/helpdesk/cases/${c.id}`, payload: echoed });
    assert.equal(res.statusCode, 200, res.body);
    const updated = res.json() as Json;
    assert.equal(updated.id, c.id);
    assert.equal(updated.awaiting, true);
    assert.equal(updated.status, "Processing");
    assert.equal(updated.revision, 2);
    const stale = await mpt(t, {
      method: "PUT",
      url: `/helpdesk/cases/${c.id}`,
      payload: { ...echoed, awaiting: false },
    });
    assertMptError(stale, 409);
    const unchanged = (await mpt(t, { method: "GET", url: `/helpdesk/cases/${c.id}` })).json() as Json;
    assert.equal(unchanged.awaiting, true);
  });

  test("bad input is a 400 naming the field in MPT words, and changes nothing", async () => {
    assertMptError(await create({ queue: { id: "HQU-0000-9999" } }), 400, ["queue.id"]);
    assertMptError(await create({ queue: { id: queue }, awaiting: "yes" }), 400, ["awaiting"]);
    assertMptError(await create({ queue: { id: queue }, colour: "red" }), 400);
    const res = await t.app.inject({
      method: "POST",
      url: "/public/v1/helpdesk/cases",
      headers: { authorization: `Bearer ${t.key}`, "content-type": "text/plain" },
      payload: "hello",
    });
    assertMptError(res, 415);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/cases", key: null }), 401);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/cases", key: "nope" }), 401);
  });

  test("client and vendor users see only their account's cases and never the awaiting flag", async () => {
    const mine = (await create(minimal(), roles.keys.client)).json() as Json;
    assert.equal(mine.account.id.replace(/\D/g, "") * 1, Number(roles.accounts.client));
    assert.equal("awaiting" in mine, false);
    await mpt(t, { method: "PUT", url: `/helpdesk/cases/${mine.id}`, payload: { awaiting: true } });
    const seen = (
      await mpt(t, { method: "GET", url: `/helpdesk/cases/${mine.id}`, key: roles.keys.client })
    ).json() as Json;
    assert.equal("awaiting" in seen, false);
    assertMptError(
      await mpt(t, { method: "GET", url: `/helpdesk/cases/${mine.id}`, key: roles.keys.vendor }),
      404,
    );
    const listed = (
      await mpt(t, { method: "GET", url: "/helpdesk/cases?limit=100", key: roles.keys.vendor })
    ).json() as Json;
    assert.deepEqual(listed.data, []);
    assert.equal(listed.$meta.pagination.total, 0);
    assertMptError(
      await mpt(t, {
        method: "PUT",
        url: `/helpdesk/cases/${mine.id}`,
        payload: { awaiting: true },
        key: roles.keys.client,
      }),
      403,
    );
    assertMptError(
      await mpt(t, { method: "GET", url: "/helpdesk/cases?eq(awaiting,true)", key: roles.keys.client }),
      400,
      ["awaiting"],
    );
  });

  test("operations create on behalf of a client account and reporter", async () => {
    const res = await create({
      ...minimal(),
      account: { id: `ACC-0000-${roles.accounts.client.padStart(4, "0")}` },
      reporter: { id: `USR-0000-${roles.users.client.padStart(4, "0")}` },
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json() as Json;
    assert.equal(c.reporter.name, "Pat client");
    const seen = await mpt(t, { method: "GET", url: `/helpdesk/cases/${c.id}`, key: roles.keys.client });
    assert.equal(seen.statusCode, 200);
  });
});
