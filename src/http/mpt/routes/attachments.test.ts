/** MPT chat attachments: multipart upload into the database, metadata or bytes by Accept, limits and hostile uploads. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { before, describe, test } from "node:test";
import { fingerprint } from "../../../../test/fingerprint.ts";
import {
  assertMptError,
  form,
  mpt,
  openCase,
  type Part,
  type Roles,
  seedRoles,
} from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(600_000, 7), Buffer.from("\n%%EOF")]);

describe("MPT chat attachments", () => {
  let t: TestApp;
  let roles: Roles;
  before(async () => {
    t = await buildTestApp({ settings: { attachmentLimit: 1_000_000 } });
    roles = await seedRoles(t);
  });

  const openChat = (key?: string) => openCase(t, key);
  const upload = (chat: string, parts: Part[], key?: string) =>
    mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/attachments`,
      ...form(parts),
      ...(key ? { key } : {}),
    });
  const pdf = (meta: unknown = { name: "Invoice", description: "March" }): Part[] => [
    { name: "attachment", body: JSON.stringify(meta), type: "application/json" },
    { name: "file", body: PDF, filename: "invoice.pdf", type: "application/pdf" },
  ];

  test("an upload stores the file with its metadata; Accept chooses metadata or bytes", async () => {
    const chat = (await openChat()).chat.id;
    const res = await upload(chat, pdf());
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json() as Json;
    assert.match(a.id, /^ATT-\d{4}-\d{4}-\d{4}$/);
    assert.equal(a.name, "Invoice");
    assert.equal(a.description, "March");
    assert.equal(a.filename, "invoice.pdf");
    assert.equal(a.contentType, "application/pdf");
    assert.equal(a.size, PDF.length);
    assert.deepEqual(a.hash, { algorithm: "SHA-256", value: createHash("sha256").update(PDF).digest("hex") });
    assert.ok(a.audit.created.by.id.startsWith("USR-"));
    const url = `/helpdesk/chats/${chat}/attachments/${a.id}`;
    const meta = await mpt(t, { method: "GET", url, headers: { accept: "application/json" } });
    assert.match(String(meta.headers["content-type"]), /^application\/json/);
    assert.equal((meta.json() as Json).id, a.id);
    for (const [path, accept] of [
      [url, "application/pdf"],
      [`${url}/download`, "*/*"],
    ] as const) {
      const bytes = await mpt(t, { method: "GET", url: path, headers: { accept } });
      assert.equal(bytes.statusCode, 200, bytes.body.slice(0, 200));
      assert.equal(bytes.headers["content-type"], "application/pdf");
      assert.equal(bytes.headers["x-content-type-options"], "nosniff");
      assert.match(String(bytes.headers["content-disposition"]), /^attachment; filename="invoice\.pdf"/);
      assert.ok(bytes.rawPayload.equals(PDF));
    }
    const listed = (
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/attachments` })
    ).json() as Json;
    assert.deepEqual(
      (listed.data as Json[]).map((item) => item.id),
      [a.id],
    );
  });

  test("the name defaults to the file's; a path in the file name is dropped; HTML is served only as bytes", async () => {
    const chat = (await openChat()).chat.id;
    const res = await upload(chat, [
      {
        name: "file",
        body: "<script>alert(1)</script>",
        filename: "../../etc/pa\u0007sswd.html",
        type: "text/html",
      },
    ]);
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json() as Json;
    assert.equal(a.filename, "passwd.html");
    assert.equal(a.name, "passwd.html");
    assert.equal(a.contentType, "text/html");
    const bytes = await mpt(t, {
      method: "GET",
      url: `/helpdesk/chats/${chat}/attachments/${a.id}/download`,
    });
    assert.equal(bytes.headers["content-type"], "application/octet-stream");
    assert.match(String(bytes.headers["content-security-policy"]), /sandbox/);
    assert.match(String(bytes.headers["content-disposition"]), /^attachment;/);
    // Asking for it as HTML on the object's path does not make it a page either.
    const asHtml = await mpt(t, {
      method: "GET",
      url: `/helpdesk/chats/${chat}/attachments/${a.id}`,
      headers: { accept: "text/html" },
    });
    assert.notEqual(asHtml.headers["content-type"], "text/html");
  });

  test("hostile uploads are refused in the dialect's shape and store nothing", async () => {
    const chat = (await openChat()).chat.id;
    const before = await fingerprint(t.db);
    const huge = await upload(chat, [
      {
        name: "file",
        body: Buffer.alloc(1_000_001, 1),
        filename: "big.bin",
        type: "application/octet-stream",
      },
    ]);
    assertMptError(huge, 413);
    assertMptError(await upload(chat, [{ name: "attachment", body: '{"name": "x"}' }]), 400, ["file"]);
    assertMptError(await upload(chat, [{ name: "attachment", body: "{not json" }, ...pdf().slice(1)]), 400, [
      "attachment",
    ]);
    assertMptError(await upload(chat, pdf({ name: 5 })), 400, ["attachment.name"]);
    assertMptError(await upload(chat, pdf([1])), 400, ["attachment"]);
    assertMptError(await upload(chat, [...pdf(), { name: "extra", body: "x" }]), 400, ["extra"]);
    assertMptError(
      await upload(chat, [...pdf(), { name: "file", body: "again", filename: "b.txt", type: "text/plain" }]),
      413,
    );
    const whole = form(pdf()).payload;
    const truncated = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/attachments`,
      headers: form([]).headers,
      payload: whole.subarray(0, whole.length - 200_000),
    });
    assertMptError(truncated, 400);
    const json = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/attachments`,
      payload: { name: "not a file" },
    });
    assertMptError(json, 415);
    assert.deepEqual(await fingerprint(t.db), before);
    const listed = (
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/attachments` })
    ).json() as Json;
    assert.equal(listed.$meta.pagination.total, 0);
  });

  test("an Idempotency-Key replays the upload with the same file; another file under it is refused", async () => {
    const chat = (await openChat()).chat.id;
    const keyed = (parts: Part[]) =>
      mpt(t, {
        method: "POST",
        url: `/helpdesk/chats/${chat}/attachments`,
        ...form(parts),
        headers: { ...form(parts).headers, "idempotency-key": `upload-${chat}` },
      });
    const first = await keyed(pdf());
    assert.equal(first.statusCode, 201, first.body);
    const replay = await keyed(pdf());
    assert.equal(replay.statusCode, 201, replay.body);
    assert.equal(replay.headers["idempotent-replayed"], "true");
    assert.deepEqual(replay.json(), first.json());
    const other = [
      pdf()[0]!,
      { name: "file", body: "other bytes", filename: "invoice.pdf", type: "application/pdf" },
    ];
    assertMptError(await keyed(other), 409);
    assertMptError(await keyed(pdf({ name: "Another name" })), 409);
    const listed = (
      await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/attachments` })
    ).json() as Json;
    assert.deepEqual(
      (listed.data as Json[]).map((item) => item.id),
      [(first.json() as Json).id],
    );
  });

  test("PUT changes name and description; DELETE keeps the record and drops the bytes", async () => {
    const chat = (await openChat()).chat.id;
    const a = (await upload(chat, pdf())).json() as Json;
    const url = `/helpdesk/chats/${chat}/attachments/${a.id}`;
    const put = await mpt(t, { method: "PUT", url, payload: { ...a, name: "Invoice 3", size: 1 } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((put.json() as Json).name, "Invoice 3");
    assert.equal((put.json() as Json).size, PDF.length);
    assertMptError(await mpt(t, { method: "PUT", url, payload: { name: "" } }), 400, ["name"]);
    assert.equal((await mpt(t, { method: "DELETE", url })).statusCode, 204);
    const gone = (await mpt(t, { method: "GET", url })).json() as Json;
    assert.equal(gone.isDeleted, true);
    assertMptError(await mpt(t, { method: "GET", url: `${url}/download` }), 404);
    assertMptError(await mpt(t, { method: "PUT", url, payload: { name: "Again" } }), 409);
    const number = Number(a.id.replaceAll(/\D/g, ""));
    const chunks = await t.db.query("select 1 from attachment_chunks where attachment_id = $1", [number]);
    assert.equal(chunks.length, 0);
  });

  test("unknown, malformed and other chats' ids are 404; another account's chat is not there", async () => {
    const chat = (await openChat()).chat.id;
    const other = (await openChat()).chat.id;
    const a = (await upload(chat, pdf())).json() as Json;
    for (const id of ["ATT-0000-0000-9999", "ATT-1", a.id.replace("ATT", "LNK")])
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/chats/${chat}/attachments/${id}` }), 404);
    assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/chats/${other}/attachments/${a.id}` }), 404);
    const vendors = (await openChat(roles.keys.vendor)).chat.id;
    assertMptError(await upload(vendors, pdf(), roles.keys.client), 404);
    const own = (await openChat(roles.keys.client)).chat.id;
    assert.equal((await upload(own, pdf(), roles.keys.client)).statusCode, 201);
  });
});

describe("attachments in the native API", () => {
  test("a case lists the files of its chat and serves their bytes as downloads", async () => {
    const t = await buildTestApp();
    const opened = await mpt(t, {
      method: "POST",
      url: "/helpdesk/cases",
      payload: { chat: { lastMessage: { content: "See attached" } } },
    });
    const c = opened.json() as Json;
    const file = form([{ name: "file", body: "<h1>hi</h1>", filename: "page.html", type: "text/html" }]);
    const uploaded = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${c.chat.id}/attachments`,
      ...file,
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const number = Number(c.id.replaceAll(/\D/g, ""));
    const listed = await t.request({ method: "GET", url: `/api/v1/cases/${number}/attachments` });
    assert.equal(listed.statusCode, 200, listed.body);
    const [item] = (listed.json() as Json).data as Json[];
    assert.equal(item!.filename, "page.html");
    assert.equal(item!.size, 11);
    assert.equal(item!.deleted, false);
    const content = await t.request({
      method: "GET",
      url: `/api/v1/cases/${number}/attachments/${item!.id}/content`,
    });
    assert.equal(content.statusCode, 200);
    assert.equal(content.body, "<h1>hi</h1>");
    assert.equal(content.headers["content-type"], "application/octet-stream");
    assert.match(String(content.headers["content-disposition"]), /^attachment; filename="page\.html"/);
    const missing = await t.request({
      method: "GET",
      url: `/api/v1/cases/${number}/attachments/999/content`,
    });
    assert.equal(missing.statusCode, 404);
    assert.equal((missing.json() as Json).code, "attachment_not_found");
  });
});
