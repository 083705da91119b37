/** Participants, links and files of a chat are changes of its case: in the case's history and its events. */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { form, mpt, openCase } from "../../../../test/mpt.ts";
import { historyOf } from "../../../../test/native.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";
import { readSse } from "../../../../test/sse.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

const numberOf = (mptId: string) => Number(mptId.replaceAll(/\D/g, ""));

describe("changes of a chat's participants, links and attachments", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
  });
  after(() => t.app.close());

  const call = async (method: "POST" | "PUT" | "DELETE", url: string, payload?: unknown, status = 200) => {
    const res = await mpt(t, { method, url, ...(payload === undefined ? {} : { payload: payload as Json }) });
    assert.equal(res.statusCode, status, res.body);
    return res.body ? (res.json() as Json) : null;
  };

  test("each add, change and delete is one revision of the case, audited and announced", async () => {
    const opened = await openCase(t);
    const chat = opened.chat.id;
    const number = numberOf(opened.id);
    const startRevision = (await t.request({ method: "GET", url: `/api/v1/cases/${number}` })).json() as Json;
    const contact = await call(
      "POST",
      "/notifications/contacts",
      { name: "Ada", email: "ada@example.com" },
      201,
    );
    const [joined] = (await call(
      "POST",
      `/helpdesk/chats/${chat}/participants`,
      [{ contact }],
      201,
    )) as Json[];
    const participant = `/helpdesk/chats/${chat}/participants/${joined!.id}`;
    await call("PUT", participant, { ...joined, muted: true });
    const messages = (
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/messages` })
    ).json() as Json;
    // Moving the reading position is the participant's own state: no change of the case.
    await call("PUT", participant, { lastReadMessage: { id: messages.data[0].id } });
    await call("DELETE", participant, undefined, 204);
    const link = await call(
      "POST",
      `/helpdesk/chats/${chat}/links`,
      { uri: "https://example.com/a", name: "A" },
      201,
    );
    await call("PUT", `/helpdesk/chats/${chat}/links/${link!.id}`, { name: "B" });
    await call("DELETE", `/helpdesk/chats/${chat}/links/${link!.id}`, undefined, 204);
    const uploaded = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/attachments`,
      ...form([
        { name: "attachment", body: '{"name": "Invoice"}', type: "application/json" },
        { name: "file", body: "%PDF-1.7 x", filename: "invoice.pdf", type: "application/pdf" },
      ]),
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const file = uploaded.json() as Json;
    await call("PUT", `/helpdesk/chats/${chat}/attachments/${file.id}`, { description: "March" });
    await call("DELETE", `/helpdesk/chats/${chat}/attachments/${file.id}`, undefined, 204);

    const [p, l, a] = [numberOf(joined!.id), numberOf(link!.id), numberOf(file.id)];
    const expected = [
      [
        "participants",
        null,
        [{ id: p, contactId: numberOf(contact!.id), userId: null, status: "active", muted: false }],
      ],
      [`participants.${p}.muted`, false, true],
      [
        "participants",
        [{ id: p, contactId: numberOf(contact!.id), userId: null, status: "active", muted: true }],
        null,
      ],
      ["links", null, [{ id: l, uri: "https://example.com/a", name: "A", entryId: null }]],
      [`links.${l}.name`, "A", "B"],
      ["links", [{ id: l, uri: "https://example.com/a", name: "B", entryId: null }], null],
    ];
    const history = (await historyOf(t, number)).slice(1);
    assert.deepEqual(
      history.slice(0, 6).map((record) => record.changes.map((c) => [c.field, c.before, c.after])),
      expected.map((row) => [row]),
    );
    const sha = file.hash.value;
    const meta = {
      id: a,
      name: "Invoice",
      description: "",
      filename: "invoice.pdf",
      contentType: "application/pdf",
    };
    assert.deepEqual(
      history.slice(6).map((record) => record.changes),
      [
        [{ field: "attachments", before: null, after: [{ ...meta, size: 10, sha256: sha }] }],
        [{ field: `attachments.${a}.description`, before: "", after: "March" }],
        [
          {
            field: "attachments",
            before: [{ ...meta, description: "March", size: 10, sha256: sha }],
            after: null,
          },
        ],
      ],
    );
    assert.deepEqual(
      history.map((record) => record.revision),
      history.map((_, i) => startRevision.revision + i + 1),
    );
    assert.ok(history.every((record) => record.action === "updated" && record.actor.type === "user"));

    const port = (t.app.server.address() as AddressInfo).port;
    const { events } = await readSse(
      `http://127.0.0.1:${port}/api/v1/events?case=${number}&topics=participant.*,link.*,attachment.*`,
      { authorization: `Bearer ${t.key}`, "last-event-id": "0" },
      (got) => got.length >= 9,
      10_000,
    );
    assert.deepEqual(
      events.map((e) => e.data.topics),
      [
        ["case.updated", "participant.added"],
        ["case.updated", "participant.updated"],
        ["case.updated", "participant.removed"],
        ["case.updated", "link.added"],
        ["case.updated", "link.updated"],
        ["case.updated", "link.deleted"],
        ["case.updated", "attachment.added"],
        ["case.updated", "attachment.updated"],
        ["case.updated", "attachment.deleted"],
      ],
    );
    const added = events[6]!.data.data as Json;
    assert.equal(added.object.number, number);
    assert.equal(added.changes[0].after[0].filename, "invoice.pdf");
  });

  test("a change that changes nothing records nothing", async () => {
    const opened = await openCase(t);
    const link = await call(
      "POST",
      `/helpdesk/chats/${opened.chat.id}/links`,
      { uri: "https://example.com/c" },
      201,
    );
    await call("PUT", `/helpdesk/chats/${opened.chat.id}/links/${link!.id}`, {
      uri: "https://example.com/c",
    });
    assert.equal((await historyOf(t, numberOf(opened.id))).length, 2);
  });
});
