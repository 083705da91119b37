/** MPT notifications contacts: the same records as native contacts, CTT- ids, RQL lists, block and unblock. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT notifications contacts", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  const create = async (payload: Json) => {
    const res = await mpt(t, { method: "POST", url: "/notifications/contacts", payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Json;
  };

  test("a contact is a Casework contact: created here, read natively, and the other way round", async () => {
    const c = await create({
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@acme.com",
      optOuts: ["Marketing"],
    });
    assert.match(c.id, /^CTT-\d{4}-\d{4}-\d{4}$/);
    assert.equal(c.name, "Ada Lovelace");
    assert.equal(c.firstName, "Ada");
    assert.equal(c.lastName, "Lovelace");
    assert.equal(c.status, "Active");
    assert.deepEqual(c.optOuts, ["Marketing"]);
    assert.ok(c.audit.created.at);
    const number = Number(c.id.replaceAll(/\D/g, ""));
    const native = await t.request({ method: "GET", url: `/api/v1/contacts/${number}` });
    assert.equal(native.statusCode, 200, native.body);
    assert.equal((native.json() as Json).email, "ada@acme.com");
    const put = await mpt(t, {
      method: "PUT",
      url: `/notifications/contacts/${c.id}`,
      payload: { ...c, name: "Ada King", status: "Blocked" },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((put.json() as Json).name, "Ada King");
    // status is read-only on a PUT: block is an action of its own.
    assert.equal((put.json() as Json).status, "Active");
    assert.ok((put.json() as Json).audit.updated.at);
  });

  test("block and unblock move the status; a blocked contact joins no chat", async () => {
    const c = await create({ name: "Bob", email: "bob@acme.com" });
    const blocked = await mpt(t, { method: "POST", url: `/notifications/contacts/${c.id}/block` });
    assert.equal(blocked.statusCode, 200, blocked.body);
    assert.equal((blocked.json() as Json).status, "Blocked");
    const opened = await mpt(t, {
      method: "POST",
      url: "/helpdesk/cases",
      payload: { chat: { lastMessage: { content: "Hello" } } },
    });
    const chat = (opened.json() as Json).chat.id;
    const join = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/participants`,
      payload: [{ contact: { id: c.id } }],
    });
    assertMptError(join, 400, ["0.contact.id"]);
    const unblocked = await mpt(t, { method: "POST", url: `/notifications/contacts/${c.id}/unblock` });
    assert.equal((unblocked.json() as Json).status, "Active");
    const listed = await mpt(t, { method: "GET", url: `/notifications/contacts?eq(status,blocked)` });
    assert.ok(!((listed.json() as Json).data as Json[]).some((item) => item.id === c.id));
  });

  test("lists take RQL: eq(id), ilike(email), order, limit, and a total", async () => {
    const one = await create({ name: "Carol", email: "carol@example.org" });
    await create({ name: "Dan", email: "dan@example.org" });
    const byId = await mpt(t, { method: "GET", url: `/notifications/contacts?eq(id,"${one.id}")` });
    assert.equal(byId.statusCode, 200, byId.body);
    assert.deepEqual(
      ((byId.json() as Json).data as Json[]).map((item) => item.id),
      [one.id],
    );
    const org = await mpt(t, {
      method: "GET",
      url: `/notifications/contacts?ilike(email,"*@example.org")&order=-name&limit=1`,
    });
    const body = org.json() as Json;
    assert.equal(body.$meta.pagination.total, 2);
    assert.deepEqual(
      (body.data as Json[]).map((item) => item.name),
      ["Dan"],
    );
    assertMptError(await mpt(t, { method: "GET", url: "/notifications/contacts?eq(phone,1)" }), 400, [
      "phone",
    ]);
  });

  test("bad input names the field; malformed and unknown ids are 404; a requester is not deleted", async () => {
    assertMptError(
      await mpt(t, { method: "POST", url: "/notifications/contacts", payload: { email: "not an email" } }),
      400,
      ["email"],
    );
    assertMptError(await mpt(t, { method: "POST", url: "/notifications/contacts", payload: {} }), 400, [
      "name",
    ]);
    for (const id of ["CTT-0000-0000-9999", "CTT-1", "USR-0000-0001", "1"])
      assertMptError(await mpt(t, { method: "GET", url: `/notifications/contacts/${id}` }), 404);
    const c = await create({ name: "Eve", email: "eve@acme.com" });
    const opened = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: { title: "Hers", requester: { email: "eve@acme.com" } },
    });
    assert.equal(opened.statusCode, 201, opened.body);
    assertMptError(await mpt(t, { method: "DELETE", url: `/notifications/contacts/${c.id}` }), 409);
    const free = await create({ name: "Frank" });
    assert.equal(
      (await mpt(t, { method: "DELETE", url: `/notifications/contacts/${free.id}` })).statusCode,
      204,
    );
    assertMptError(await mpt(t, { method: "GET", url: `/notifications/contacts/${free.id}` }), 404);
  });

  test("a key without cases:write cannot write contacts (403)", async () => {
    const reader = await t.request({
      method: "POST",
      url: "/api/v1/keys",
      payload: { name: "reader", scopes: ["cases:read"] },
    });
    const key = (reader.json() as Json).key;
    assert.equal((await mpt(t, { method: "GET", url: "/notifications/contacts", key })).statusCode, 200);
    assertMptError(
      await mpt(t, { method: "POST", url: "/notifications/contacts", payload: { name: "X" }, key }),
      403,
    );
  });
});
