/** MPT case chats and messages: the chat is the case, messages are its timeline, in every dialect. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { khoros } from "../../../../test/khoros.ts";
import { assertMptError, mpt, type Roles, seedRoles } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT chats and messages", () => {
  let t: TestApp;
  let roles: Roles;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
  });

  const open = async (key?: string) => {
    const res = await mpt(t, {
      method: "POST",
      url: "/helpdesk/cases",
      payload: { chat: { lastMessage: { content: "Opening words" } } },
      ...(key ? { key } : {}),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Json;
  };
  const post = (chat: string, payload: Json, key?: string) =>
    mpt(t, { method: "POST", url: `/helpdesk/chats/${chat}/messages`, payload, ...(key ? { key } : {}) });
  const messages = async (chat: string, key?: string) =>
    (
      await mpt(t, {
        method: "GET",
        url: `/helpdesk/chats/${chat}/messages?limit=100`,
        ...(key ? { key } : {}),
      })
    ).json() as Json;

  test("a message posted here is a timeline entry natively, and a native entry is a message here", async () => {
    const c = await open();
    const res = await post(c.chat.id, { content: "Any news?" });
    assert.equal(res.statusCode, 201, res.body);
    const message = res.json() as Json;
    assert.match(message.id, /^MSG-\d{4}-\d{4}-\d{4}$/);
    assert.deepEqual(message.chat, { id: c.chat.id });
    assert.equal(message.isDeleted, false);
    const number = Number(c.id.replace(/\D/g, ""));
    const native = (
      await t.request({ method: "GET", url: `/api/v1/cases/${number}/timeline` })
    ).json() as Json;
    assert.deepEqual(
      native.data.map((e: Json) => e.body),
      ["Opening words", "Any news?"],
    );
    await t.request({
      method: "POST",
      url: `/api/v1/cases/${number}/timeline`,
      payload: { kind: "message", body: "From the console" },
    });
    const listed = await messages(c.chat.id);
    assert.deepEqual(
      listed.data.map((m: Json) => m.content),
      ["Opening words", "Any news?", "From the console"],
    );
    assert.equal(listed.$meta.pagination.total, 3);
    // The same case through Khoros.
    const viaKhoros = await khoros(t, { method: "GET", url: `/case/${number}` });
    assert.equal(viaKhoros.statusCode, 200, viaKhoros.body);
    assert.equal((viaKhoros.json() as Json).title, "Opening words");
  });

  test("private messages are internal: operations see them, client and vendor users neither see nor post them", async () => {
    const c = await open(roles.keys.client);
    assert.equal(
      (await post(c.chat.id, { content: "Between operators", visibility: "PRIVATE" })).statusCode,
      201,
    );
    assert.equal((await messages(c.chat.id)).data.at(-1).visibility, "Private");
    const theirs = await messages(c.chat.id, roles.keys.client);
    assert.deepEqual(
      theirs.data.map((m: Json) => m.content),
      ["Opening words"],
    );
    assert.equal(theirs.$meta.pagination.total, 1);
    assertMptError(await post(c.chat.id, { content: "psst", visibility: "private" }, roles.keys.client), 403);
    assertMptError(
      await messages(c.chat.id, roles.keys.vendor).then(() =>
        mpt(t, { method: "GET", url: `/helpdesk/chats/${c.chat.id}`, key: roles.keys.vendor }),
      ),
      404,
    );
  });

  test("one message by id; another chat's, a hidden or a malformed id is a 404", async () => {
    const c = await open(roles.keys.client);
    const said = (await post(c.chat.id, { content: "Any news?" })).json() as Json;
    const hidden = (
      await post(c.chat.id, { content: "Between operators", visibility: "Private" })
    ).json() as Json;
    assert.equal(hidden.visibility, "Private");
    assert.equal(
      (await mpt(t, { method: "GET", url: `/helpdesk/chats/${c.chat.id}/messages/${hidden.id}` })).statusCode,
      200,
    );
    const one = await mpt(t, { method: "GET", url: `/helpdesk/chats/${c.chat.id}/messages/${said.id}` });
    assert.equal(one.statusCode, 200, one.body);
    assert.deepEqual(one.json(), said);
    const asClient = (id: string, chat = c.chat.id) =>
      mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/messages/${id}`, key: roles.keys.client });
    assert.equal((await asClient(said.id)).statusCode, 200);
    assertMptError(await asClient(hidden.id), 404);
    const other = await open();
    assertMptError(await asClient(said.id, other.chat.id), 404);
    assertMptError(
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${other.chat.id}/messages/${said.id}` }),
      404,
    );
    for (const id of ["MSG-0000-0000", "MSG-9999-9999-9999", "CAS-0000-0000-0001", "1"])
      assertMptError(
        await mpt(t, { method: "GET", url: `/helpdesk/chats/${c.chat.id}/messages/${id}` }),
        404,
      );
  });

  test("delete empties the content and keeps the record; only the sender or operations may delete", async () => {
    const c = await open(roles.keys.client);
    const mine = (await post(c.chat.id, { content: "Typo here" }, roles.keys.client)).json() as Json;
    const ops = (await post(c.chat.id, { content: "Operator reply" })).json() as Json;
    assertMptError(
      await mpt(t, {
        method: "DELETE",
        url: `/helpdesk/chats/${c.chat.id}/messages/${ops.id}`,
        key: roles.keys.client,
      }),
      403,
    );
    const deleted = await mpt(t, {
      method: "DELETE",
      url: `/helpdesk/chats/${c.chat.id}/messages/${mine.id}`,
      key: roles.keys.client,
    });
    assert.equal(deleted.statusCode, 204);
    const after = (await messages(c.chat.id)).data.find((m: Json) => m.id === mine.id);
    assert.equal(after.isDeleted, true);
    assert.equal(after.content, "");
    assertMptError(
      await mpt(t, { method: "DELETE", url: `/helpdesk/chats/${c.chat.id}/messages/MSG-1` }),
      404,
    );
  });

  test("messages record what was said: PUT of new content is a 409, an echo is a no-op", async () => {
    const c = await open();
    const m = (await post(c.chat.id, { content: "Said once" })).json() as Json;
    const url = `/helpdesk/chats/${c.chat.id}/messages/${m.id}`;
    assertMptError(await mpt(t, { method: "PUT", url, payload: { content: "Said twice" } }), 409);
    const echo = await mpt(t, { method: "PUT", url, payload: m });
    assert.equal(echo.statusCode, 200, echo.body);
    assert.deepEqual(echo.json(), m);
  });

  test("chat PUT renames the case; the chat list pages with RQL", async () => {
    const c = await open();
    const res = await mpt(t, {
      method: "PUT",
      url: `/helpdesk/chats/${c.chat.id}`,
      payload: { name: "Renamed chat", description: "More" },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as Json).name, "Renamed chat");
    const number = Number(c.id.replace(/\D/g, ""));
    const native = (await t.request({ method: "GET", url: `/api/v1/cases/${number}` })).json() as Json;
    assert.equal(native.title, "Renamed chat");
    assert.equal(native.description, "More");
    const listed = (
      await mpt(t, { method: "GET", url: `/helpdesk/chats?eq(id,${c.chat.id})` })
    ).json() as Json;
    assert.equal(listed.data.length, 1);
    assert.equal(listed.data[0].case.id, c.id);
    assert.equal(listed.data[0].type, "Case");
  });
});
