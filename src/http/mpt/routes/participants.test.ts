/** MPT chat participants: who joins automatically, adding contacts as an array, PUT of the whole item, unread counts. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt, openCase, type Roles, seedRoles } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT chat participants", () => {
  let t: TestApp;
  let roles: Roles;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
  });

  const openChat = (key?: string) => openCase(t, key);
  const contact = async (name: string) => {
    const res = await mpt(t, { method: "POST", url: "/notifications/contacts", payload: { name } });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as Json).id as string;
  };
  const list = async (chat: string, key?: string) => {
    const res = await mpt(t, {
      method: "GET",
      url: `/helpdesk/chats/${chat}/participants`,
      ...(key ? { key } : {}),
    });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as Json).data as Json[];
  };

  test("the reporter and the assignee of a case are participants of its chat", async () => {
    const opened = await openChat(roles.keys.client);
    const [reporter] = await list(opened.chat.id, roles.keys.client);
    assert.match(reporter!.id, /^CHP-\d{4}-\d{4}-\d{4}$/);
    assert.deepEqual(reporter!.chat, { id: opened.chat.id });
    assert.equal(reporter!.identity.id, opened.reporter.id);
    assert.equal(reporter!.identity.type, "User");
    assert.equal(reporter!.account.type, "Client");
    assert.equal(reporter!.contact, null);
    assert.equal(reporter!.status, "Active");
    assert.equal(reporter!.muted, false);
    assert.equal(reporter!.audit.created.by, null);
    // An operations user: the reporter of a case the admin key opens.
    const staff = (await openChat()).reporter.id;
    const put = await mpt(t, {
      method: "PUT",
      url: `/helpdesk/cases/${opened.id}`,
      payload: { assignee: { id: staff } },
    });
    assert.equal(put.statusCode, 200, put.body);
    const after = await list(opened.chat.id);
    assert.equal(after.length, 2);
    assert.equal(after[1]!.identity.id, (put.json() as Json).assignee.id);
    assert.equal(after[1]!.account.type, "Operations");
  });

  test("POST takes an array of contacts and answers with the array of participants", async () => {
    const chat = (await openChat()).chat.id;
    const [a, b] = [await contact("Ann"), await contact("Ben")];
    const res = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/participants`,
      payload: [{ contact: { id: a, name: "echoed" } }, { contact: { id: b } }],
    });
    assert.equal(res.statusCode, 201, res.body);
    const added = res.json() as Json[];
    assert.deepEqual(
      added.map((p) => [p.contact.id, p.contact.name, p.identity]),
      [
        [a, "Ann", null],
        [b, "Ben", null],
      ],
    );
    assert.ok(added[0]!.audit.created.by.id.startsWith("USR-"));
    assert.equal((await list(chat)).length, 3);
    // Again, or with a contact that is not there: refused by position, nothing added.
    const again = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/participants`,
      payload: [
        { contact: { id: await contact("Cid") } },
        { contact: { id: a } },
        { contact: { id: "CTT-1" } },
      ],
    });
    assertMptError(again, 400, ["1.contact.id", "2.contact.id"]);
    assert.equal((await list(chat)).length, 3);
    assertMptError(
      await mpt(t, {
        method: "POST",
        url: `/helpdesk/chats/${chat}/participants`,
        payload: { contact: { id: a } },
      }),
      400,
    );
    assertMptError(
      await mpt(t, { method: "POST", url: `/helpdesk/chats/${chat}/participants`, payload: [] }),
      400,
    );
  });

  test("a PUT of the whole item with muted changed echoes it; status and the last read message move too", async () => {
    const opened = await openChat(roles.keys.client);
    const chat = opened.chat.id;
    await mpt(t, { method: "POST", url: `/helpdesk/chats/${chat}/messages`, payload: { content: "Second" } });
    await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/messages`,
      payload: { content: "Staff only", visibility: "Private" },
    });
    const [mine] = await list(chat, roles.keys.client);
    // Two public messages unread for the client; the private one counts only for operations users.
    assert.equal(mine!.unread, 2);
    assert.equal((await list(chat))[0]!.unread, 3);
    const url = `/helpdesk/chats/${chat}/participants/${mine!.id}`;
    const muted = await mpt(t, {
      method: "PUT",
      url,
      payload: { ...mine, muted: true },
      key: roles.keys.client,
    });
    assert.equal(muted.statusCode, 200, muted.body);
    assert.equal((muted.json() as Json).muted, true);
    assert.equal((muted.json() as Json).id, mine!.id);
    const messages = (
      (
        await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/messages`, key: roles.keys.client })
      ).json() as Json
    ).data as Json[];
    const read = await mpt(t, {
      method: "PUT",
      url,
      payload: { lastReadMessage: { id: messages.at(-1)!.id }, status: "exited" },
      key: roles.keys.client,
    });
    assert.equal(read.statusCode, 200, read.body);
    assert.equal((read.json() as Json).unread, 0);
    assert.equal((read.json() as Json).status, "Exited");
    assert.deepEqual((read.json() as Json).lastReadMessage, { id: messages.at(-1)!.id });
    assert.ok((read.json() as Json).audit.updated.at);
    const got = await mpt(t, { method: "GET", url, key: roles.keys.client });
    assert.equal((got.json() as Json).muted, true);
    assertMptError(await mpt(t, { method: "PUT", url, payload: { status: "Gone" } }), 400, ["status"]);
    assertMptError(
      await mpt(t, { method: "PUT", url, payload: { lastReadMessage: { id: "MSG-0000-0000-9999" } } }),
      400,
      ["lastReadMessage.id"],
    );
  });

  test("DELETE removes a participant; unknown, malformed and other chats' ids are 404", async () => {
    const chat = (await openChat()).chat.id;
    const other = (await openChat()).chat.id;
    const [reporter] = await list(chat);
    for (const id of ["CHP-0000-0000-9999", "CHP-1", reporter!.id.replace("CHP", "LNK")])
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/participants/${id}` }), 404);
    assertMptError(
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${other}/participants/${reporter!.id}` }),
      404,
    );
    const url = `/helpdesk/chats/${chat}/participants/${reporter!.id}`;
    assert.equal((await mpt(t, { method: "DELETE", url })).statusCode, 204);
    assertMptError(await mpt(t, { method: "GET", url }), 404);
    assert.equal((await list(chat)).length, 0);
    // A later change of the case does not bring the removed reporter back.
    const caseId = chat.replace("CHT", "CAS");
    const put = await mpt(t, {
      method: "PUT",
      url: `/helpdesk/cases/${caseId}`,
      payload: { chat: { name: "Renamed" } },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((await list(chat)).length, 0);
  });

  test("another account's chat is not there for a client user", async () => {
    const chat = (await openChat(roles.keys.vendor)).chat.id;
    assertMptError(
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/participants`, key: roles.keys.client }),
      404,
    );
    assertMptError(
      await mpt(t, {
        method: "POST",
        url: `/helpdesk/chats/${chat}/participants`,
        payload: [{ contact: { id: await contact("Dee") } }],
        key: roles.keys.client,
      }),
      404,
    );
  });
});
