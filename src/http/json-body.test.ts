import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertInvalid, assertProblem, createCase, listNumbers } from "../../test/native.ts";
import { buildTestApp } from "../../test/setup.ts";
import { MAX_BODY_DEPTH } from "./json-body.ts";

describe("JSON bodies", async () => {
  const t = await buildTestApp();
  const post = (payload: string | Buffer) =>
    t.request({
      method: "POST",
      url: "/api/v1/cases",
      headers: { "content-type": "application/json" },
      payload,
    });

  test("bytes that are not UTF-8 are a malformed request, not replacement characters", async () => {
    const body = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    assertProblem(await post(body), 400, "malformed_request", "body");
    assert.deepEqual(await listNumbers(t), []);
  });

  test("an unpaired surrogate escape is a malformed request; a paired one is text", async () => {
    assertProblem(await post('{"title":"\\ud800"}'), 400, "malformed_request", "body");
    assertProblem(await post('{"title":"ok","tags":["\\udc00"]}'), 400, "malformed_request", "body");
    const res = await post('{"title":"\\ud83d\\ude00"}');
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().title, "😀");
  });

  test(`nesting deeper than ${MAX_BODY_DEPTH} levels is refused before validation`, async () => {
    const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const res = await post(`{"title":"x","customFields":{"a":${deep(100_000)}}}`);
    assertProblem(res, 400, "malformed_request", "body");
    assert.deepEqual(await listNumbers(t), [1]);
  });

  test("an empty body labelled JSON is no body: fine where none is needed, a validation error where one is", async () => {
    assertInvalid(await post(""), "body");
    const c = await createCase(t, { title: "to trash" });
    const res = await t.request({
      method: "DELETE",
      url: `/api/v1/cases/${c.id}`,
      headers: { "content-type": "application/json" },
      payload: "",
    });
    assert.equal(res.statusCode, 200, res.body);
  });
});
