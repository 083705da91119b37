/** MPT chat links: uri (or url), name, the message they belong to, PUT, and delete that keeps the record. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt, openCase, type Roles, seedRoles } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT chat links", () => {
  let t: TestApp;
  let roles: Roles;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
  });

  const openChat = async (key?: string) => (await openCase(t, key)).chat.id as string;
  const add = (chat: string, payload: Json, key?: string) =>
    mpt(t, { method: "POST", url: `/helpdesk/chats/${chat}/links`, payload, ...(key ? { key } : {}) });

  test("a link has uri (also read as url), name and the message it belongs to", async () => {
    const chat = await openChat();
    const messages = (
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/messages` })
    ).json() as Json;
    const message = messages.data[0];
    const res = await add(chat, { uri: "https://docs.example.com/a", name: "Guide", message });
    assert.equal(res.statusCode, 201, res.body);
    const link = res.json() as Json;
    assert.match(link.id, /^LNK-\d{4}-\d{4}-\d{4}$/);
    assert.equal(link.uri, "https://docs.example.com/a");
    assert.equal(link.url, link.uri);
    assert.deepEqual(link.message, { id: message.id });
    assert.deepEqual(link.chat, { id: chat });
    assert.equal(link.isDeleted, false);
    assert.ok(link.audit.created.by.id.startsWith("USR-"));
    const byUrl = await add(chat, { url: "mailto:help@example.com" });
    assert.equal(byUrl.statusCode, 201, byUrl.body);
    assert.equal((byUrl.json() as Json).uri, "mailto:help@example.com");
    assert.equal((byUrl.json() as Json).message, null);
    const listed = (await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/links` })).json() as Json;
    assert.equal(listed.$meta.pagination.total, 2);
    assert.deepEqual(
      (listed.data as Json[]).map((item) => item.id),
      [link.id, (byUrl.json() as Json).id],
    );
  });

  test("PUT of the whole item changes it; DELETE keeps it, marked deleted, and it changes no more", async () => {
    const chat = await openChat();
    const link = (await add(chat, { uri: "https://example.com/x", name: "X" })).json() as Json;
    const url = `/helpdesk/chats/${chat}/links/${link.id}`;
    const put = await mpt(t, { method: "PUT", url, payload: { ...link, name: "Renamed", isDeleted: true } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((put.json() as Json).name, "Renamed");
    assert.equal((put.json() as Json).isDeleted, false);
    assert.equal((put.json() as Json).revision, 2);
    assert.equal((await mpt(t, { method: "DELETE", url })).statusCode, 204);
    assert.equal((await mpt(t, { method: "DELETE", url })).statusCode, 204);
    const got = (await mpt(t, { method: "GET", url })).json() as Json;
    assert.equal(got.isDeleted, true);
    assert.equal(got.revision, 3);
    assertMptError(await mpt(t, { method: "PUT", url, payload: { name: "Again" } }), 409);
  });

  test("bad input names the field and stores nothing; unknown and other chats' ids are 404", async () => {
    const chat = await openChat();
    for (const uri of ["javascript:alert(1)", "/relative", "data:text/html,<b>x</b>", "not a uri"])
      assertMptError(await add(chat, { uri }), 400, ["uri"]);
    assertMptError(await add(chat, { name: "No address" }), 400, ["uri"]);
    assertMptError(
      await add(chat, { uri: "https://example.com", message: { id: "MSG-0000-0000-9999" } }),
      400,
      ["message.id"],
    );
    assertMptError(await add(chat, { uri: "https://example.com", extra: 1 }), 400);
    assert.equal(
      ((await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/links` })).json() as Json).$meta
        .pagination.total,
      0,
    );
    const other = await openChat();
    const link = (await add(other, { uri: "https://example.com" })).json() as Json;
    for (const id of [link.id.replace(/\d{4}$/, "9999"), "LNK-1", link.id.replace("LNK", "CHP")])
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/chats/${other}/links/${id}` }), 404);
    assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/links/${link.id}` }), 404);
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/chats/${chat}/links/${link.id}` }), 404);
  });

  test("a client user links only in its own account's chats, and not to messages it cannot see", async () => {
    const own = await openChat(roles.keys.client);
    assert.equal((await add(own, { uri: "https://example.com/mine" }, roles.keys.client)).statusCode, 201);
    const theirs = await openChat(roles.keys.vendor);
    assertMptError(await add(theirs, { uri: "https://example.com" }, roles.keys.client), 404);
    const note = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${own}/messages`,
      payload: { content: "Staff only", visibility: "Private" },
    });
    assertMptError(
      await add(
        own,
        { uri: "https://example.com", message: { id: (note.json() as Json).id } },
        roles.keys.client,
      ),
      400,
      ["message.id"],
    );
  });
});
