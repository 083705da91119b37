/**
 * The MPT upload path under hostile input, property-based: multipart bodies cut short anywhere, parts
 * missing, doubled or unknown, metadata that is not JSON or not an object, files over the limit, file names
 * that try to climb out of a directory, content types that are not multipart, and a client that hangs up
 * mid-file. None is a 5xx; every refusal is in MPT's shape; nothing is stored for any of them.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { fingerprint } from "../test/fingerprint.ts";
import { assertMptError, form, mpt, openCase, type Part } from "../test/mpt.ts";
import { buildTestApp, type TestApp } from "../test/setup.ts";

const LIMIT = 64 * 1024;
const RUNS = 40;

const TRAVERSALS = [
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "/etc/shadow",
  "C:\\boot.ini",
  "....//....//casework-escape",
  "..%2f..%2fcasework-escape",
  "a/../../casework-escape",
  "\u0000../casework-escape",
  "dir/\u202etxt.exe",
];

const BAD_METADATA = [
  "{not json",
  "",
  "[1, 2]",
  "null",
  "42",
  '"a string"',
  '{"name": 5}',
  '{"name": null}',
  `{"name": "${"x".repeat(300)}"}`,
  '{"description": {"nested": true}}',
  '{"name": "a"',
];

const WRONG_TYPES = [
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/mixed; boundary=----casework-test-boundary",
  "application/octet-stream",
];

const meta = (body: string): Part => ({ name: "attachment", body, type: "application/json" });
const file = (size: number, filename = "report.pdf"): Part => ({
  name: "file",
  body: Buffer.alloc(size, 0x41),
  filename,
  type: "application/pdf",
});

describe("hostile uploads", () => {
  let t: TestApp;
  let chat: string;
  let url: string;
  before(async () => {
    t = await buildTestApp({ settings: { attachmentLimit: LIMIT } });
    chat = (await openCase(t)).chat.id;
    url = `/helpdesk/chats/${chat}/attachments`;
  });
  after(() => t.app.close());

  const stored = async () =>
    Number((await t.db.query<{ n: string }>("select count(*) as n from case_attachments"))[0]!.n);
  const send = (payload: Buffer, contentType: string) =>
    mpt(t, { method: "POST", url, payload, headers: { "content-type": contentType } });
  const refused = (res: LightMyRequestResponse) => {
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode}: ${res.body}`);
    assertMptError(res, res.statusCode);
  };

  test("a body cut short anywhere is refused and stores nothing", async () => {
    const whole = form([meta('{"name": "Cut"}'), file(20_000)]);
    const before = await fingerprint(t.db);
    // Anything short of the closing delimiter (`\r\n--boundary--`; the CRLF after it is optional).
    const last = whole.payload.length - 3;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: last }), async (end) => {
        refused(await send(whole.payload.subarray(0, end), whole.headers["content-type"]));
      }),
      { numRuns: RUNS },
    );
    // Cut inside the closing delimiter, every part is whole, and the body is still refused.
    for (let end = last - 40; end <= last; end++)
      refused(await send(whole.payload.subarray(0, end), whole.headers["content-type"]));
    assert.deepEqual(await fingerprint(t.db), before);
  });

  test("missing, doubled and unknown parts and bad metadata are refused", async () => {
    const before = await fingerprint(t.db);
    const shapes: fc.Arbitrary<Part[]> = fc.oneof(
      fc.constantFrom<Part[]>([], [meta('{"name": "No file"}')], [meta("{}"), meta("{}")]),
      fc.constantFrom(...BAD_METADATA).map((body) => [meta(body), file(10)]),
      fc.string({ minLength: 1, maxLength: 20 }).map((name) => [file(10), { name: `x${name}`, body: "v" }]),
      fc.constant<Part[]>([file(10), file(10)]),
      fc.constant<Part[]>([{ ...file(10), name: "upload" }]),
    );
    await fc.assert(
      fc.asyncProperty(shapes, async (parts) => {
        const body = form(parts);
        refused(await send(body.payload, body.headers["content-type"]));
      }),
      { numRuns: RUNS },
    );
    assert.deepEqual(await fingerprint(t.db), before);
    assert.equal(await stored(), 0);
  });

  test("a file over CASEWORK_ATTACHMENT_LIMIT is 413 however it is sent", async () => {
    const before = await fingerprint(t.db);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: LIMIT + 1, max: LIMIT * 4 }),
        fc.boolean(),
        async (size, metaFirst) => {
          const parts = metaFirst ? [meta("{}"), file(size)] : [file(size), meta("{}")];
          const body = form(parts);
          assertMptError(await send(body.payload, body.headers["content-type"]), 413);
        },
      ),
      { numRuns: 10 },
    );
    assert.deepEqual(await fingerprint(t.db), before);
  });

  test("a body that is not multipart/form-data is refused", async () => {
    const before = await fingerprint(t.db);
    const body = form([meta("{}"), file(10)]).payload;
    for (const type of WRONG_TYPES) refused(await send(body, type));
    refused(await mpt(t, { method: "POST", url, payload: { file: "bytes", attachment: { name: "x" } } }));
    assert.deepEqual(await fingerprint(t.db), before);
  });

  test("a file name that climbs out of a directory is kept as its last segment and written nowhere", async () => {
    const count = await stored();
    for (const name of TRAVERSALS) {
      const body = form([file(10, name)]);
      const res = await send(body.payload, body.headers["content-type"]);
      assert.equal(res.statusCode, 201, res.body);
      const { filename } = res.json() as { filename: string };
      const unsafe = [...filename].some((c) => c === "/" || c === "\\" || c.charCodeAt(0) < 0x20);
      assert.ok(!unsafe && filename.length > 0 && name.endsWith(filename), `${name} → ${filename}`);
    }
    assert.equal(await stored(), count + TRAVERSALS.length);
    for (const target of ["casework-escape", "../casework-escape"])
      assert.ok(!existsSync(join(tmpdir(), target)), `${target} was not written`);
  });

  test("a client that hangs up mid-file leaves nothing, and the server goes on serving", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as AddressInfo;
    const before = await fingerprint(t.db);
    const body = form([meta('{"name": "Gone"}'), file(LIMIT - 10)]);
    const head = [
      `POST /public/v1${url} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Authorization: Bearer ${t.key}`,
      `Content-Type: ${body.headers["content-type"]}`,
      `Content-Length: ${body.payload.length}`,
      "",
      "",
    ].join("\r\n");
    for (const share of [0.1, 0.5, 0.95]) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(head);
          socket.write(body.payload.subarray(0, Math.floor(body.payload.length * share)), () => {
            socket.destroy();
            resolve();
          });
        });
        socket.on("error", reject);
      });
    }
    // The server notices the hang-up on its own time; it must then hold nothing of it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(await fingerprint(t.db), before);
    const ok = form([meta('{"name": "After"}'), file(10)]);
    assert.equal((await send(ok.payload, ok.headers["content-type"])).statusCode, 201);
  });
});
