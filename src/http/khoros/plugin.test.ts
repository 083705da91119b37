import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertKhorosError, contactId, type KhorosCase, khoros } from "../../../test/khoros.ts";
import { historyOf } from "../../../test/native.ts";
import { buildTestApp, testDatabase } from "../../../test/setup.ts";
import type { Database, Sql } from "../../ops/context.ts";

describe("Khoros plugin: keys, agent audit, errors at the edge", async () => {
  const t = await buildTestApp();
  const customer = await contactId(t, { name: "Edge Case" });

  test("the key is accepted raw, as Bearer, or as X-API-Key; missing or wrong is 401 in the Khoros shape", async () => {
    const url = "/meta/object/case";
    assert.equal((await khoros(t, { method: "GET", url })).statusCode, 200);
    assert.equal((await khoros(t, { method: "GET", url, key: `Bearer ${t.key}` })).statusCode, 200);
    assert.equal(
      (await khoros(t, { method: "GET", url, key: null, headers: { "x-api-key": t.key } })).statusCode,
      200,
    );
    const missing = await khoros(t, { method: "GET", url, key: null });
    assertKhorosError(missing, 401, "unauthenticated");
    assert.equal(missing.headers["www-authenticate"], 'Bearer realm="casework"');
    assertKhorosError(await khoros(t, { method: "GET", url, key: "cw_wrong" }), 401, "unauthenticated");
    assertKhorosError(await khoros(t, { method: "GET", url, key: `Basic ${t.key}` }), 401, "unauthenticated");
    assertKhorosError(
      await khoros(t, {
        method: "POST",
        url: "/case",
        key: null,
        payload: { customerId: customer, title: "x" },
      }),
      401,
      "unauthenticated",
    );
  });

  test("a key without the write scope may read but not write (403)", async () => {
    const minted = await t.request({
      method: "POST",
      url: "/api/v1/keys",
      payload: { name: "khoros read", scopes: ["cases:read"] },
    });
    const readKey = (minted.json() as { key: string }).key;
    assert.equal(
      (await khoros(t, { method: "GET", url: "/meta/object/case", key: readKey })).statusCode,
      200,
    );
    assertKhorosError(
      await khoros(t, {
        method: "POST",
        url: "/case",
        key: readKey,
        payload: { customerId: customer, title: "x" },
      }),
      403,
      "forbidden",
    );
  });

  test("the agent's email, company and initiative are on the audit record of every change", async () => {
    const made = (
      await khoros(t, { method: "POST", url: "/case", payload: { customerId: customer, title: "Audited" } })
    ).json() as KhorosCase;
    await khoros(t, {
      method: "PATCH",
      url: `/case/${made.id}`,
      payload: { title: "Audited by Care" },
      headers: { "x-sf-user-email": "", "x-sf-email": "care-agent@brand.example", "x-sf-initiative": "9" },
    });
    const contexts = (await historyOf(t, made.id)).map((r) => (r as unknown as { context: unknown }).context);
    assert.equal(contexts.length, 2);
    const { keyId: _created, ...created } = contexts[0] as Record<string, unknown>;
    assert.deepEqual(created, {
      dialect: "khoros",
      agentEmail: "agent@brand.example",
      khorosCompanyId: "4242",
      khorosInitiative: "17",
    });
    const { keyId: _updated, ...updated } = contexts[1] as Record<string, unknown>;
    assert.deepEqual(updated, {
      dialect: "khoros",
      agentEmail: "care-agent@brand.example",
      khorosCompanyId: "4242",
      khorosInitiative: "9",
    });
    assertKhorosError(
      await khoros(t, {
        method: "PATCH",
        url: `/case/${made.id}`,
        payload: { title: "x" },
        headers: { "x-sf-user-email": `${"a".repeat(400)}@example.com` },
      }),
      400,
      "validation_failed",
      ["x-sf-user-email"],
    );
  });

  test("malformed JSON, wrong content type, oversized body and unknown routes answer in the Khoros shape", async () => {
    for (const payload of ["{", '{"title": }'])
      assertKhorosError(
        await khoros(t, {
          method: "POST",
          url: "/case",
          payload,
          headers: { "content-type": "application/json" },
        }),
        400,
        "malformed_request",
      );
    // An empty body labelled JSON is no body, which a create needs.
    assertKhorosError(
      await khoros(t, {
        method: "POST",
        url: "/case",
        payload: "",
        headers: { "content-type": "application/json" },
      }),
      400,
      "validation_failed",
    );
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
      assertKhorosError(
        await khoros(t, {
          method: "POST",
          url: "/case",
          payload: "title=x",
          headers: { "content-type": contentType },
        }),
        415,
        "unsupported_media_type",
      );
    assertKhorosError(
      await khoros(t, {
        method: "POST",
        url: "/case",
        payload: { customerId: customer, title: "big", description: "x".repeat(1_100_000) },
      }),
      413,
      "payload_too_large",
    );
    for (const [method, url] of [
      ["GET", "/cases"],
      ["GET", ""],
      ["GET", "/meta/object"],
    ] as const)
      assertKhorosError(await khoros(t, { method, url }), 404, "route_not_found");
    const wrongMethod = await khoros(t, { method: "DELETE", url: "/case/1" });
    assertKhorosError(wrongMethod, 405, "method_not_allowed");
    assert.equal(wrongMethod.headers.allow, "GET, HEAD, PATCH");
    assertKhorosError(await khoros(t, { method: "GET", url: "/case/%E0%A4%A" }), 400, "malformed_request");
    const count = await t.request({ method: "GET", url: "/api/v1/cases?q=big" });
    assert.deepEqual((count.json() as { data: unknown[] }).data, [], "nothing was created");
  });

  test("an unexpected failure is a 500 {error, message} that tells nothing of the internals", async () => {
    const real = await testDatabase();
    const failing = { on: false };
    const wrap = (sql: Sql): Sql => ({
      query: (text, params) =>
        failing.on && text.includes("from field_definitions")
          ? Promise.reject(new Error("field_definitions exploded at /srv/casework/secret.ts:42"))
          : sql.query(text, params),
      bitmapQuery: (text, params) => sql.bitmapQuery(text, params),
      exec: (script) => sql.exec(script),
      copyFrom: (table, columns, data) => sql.copyFrom(table, columns, data),
      transaction: (work) => sql.transaction((tx) => work(wrap(tx))),
    });
    const db: Database = {
      ...wrap(real),
      kind: real.kind,
      ping: () => real.ping(),
      listen: (onCommit) => real.listen(onCommit),
      close: () => real.close(),
    };
    const broken = await buildTestApp({ db });
    failing.on = true;
    const res = await khoros(broken, { method: "GET", url: "/meta/object/case" });
    const body = assertKhorosError(res, 500, "internal_error");
    assert.deepEqual(Object.keys(body), ["error", "message"]);
    assert.doesNotMatch(res.body, /exploded|secret|srv/);
  });
});
