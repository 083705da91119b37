/**
 * The native OpenAPI document is one a client generator can use: named component schemas, errors as the
 * wire sends them (problem+json), the concurrency and retry headers, and a valid example on every request
 * body, which the server accepts as it ships.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import openapiTS from "openapi-typescript";
import { buildTestApp } from "../../test/setup.ts";

// ajv-formats is CommonJS: its default export arrives wrapped once more under ESM.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> };
  responses: Record<
    string,
    { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }
  >;
}

describe("the native OpenAPI document", async () => {
  const t = await buildTestApp();
  const doc = (await t.request({ method: "GET", url: "/api/v1/openapi.json", key: null })).json();
  const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(
    ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const find = (operationId: string) => operations.find(({ op }) => op.operationId === operationId)!.op;

  test("is valid, and names its schemas instead of inlining them", async () => {
    await SwaggerParser.validate(structuredClone(doc));
    const names = Object.keys(doc.components.schemas);
    for (const name of ["Case", "CaseCreated", "Entry", "Contact", "Queue", "User", "Account", "Problem"])
      assert.ok(names.includes(name), `components.schemas.${name} in ${names}`);
    assert.ok(!names.some((name) => name.startsWith("def-")), String(names));
    assert.deepEqual(find("getCase").responses["200"]!.content, {
      "application/json": { schema: { $ref: "#/components/schemas/Case" } },
    });
    assert.ok(JSON.stringify(doc).length < 250_000, "no schema is copied into every operation");
  });

  test("declares errors as problem+json, as the wire sends them, and describes every response", async () => {
    for (const { path, method, op } of operations)
      for (const [status, response] of Object.entries(op.responses)) {
        assert.notEqual(response.description, "Default Response", `${method} ${path} ${status}`);
        if (Number(status) >= 400)
          assert.deepEqual(Object.keys(response.content ?? {}), ["application/problem+json"]);
      }
    const missing = await t.request({ method: "GET", url: "/api/v1/cases/999999" });
    assert.equal(missing.statusCode, 404);
    assert.ok(find("getCase").responses["404"]);
    assert.match(String(missing.headers["content-type"]), /^application\/problem\+json/);
  });

  test("declares If-Match, If-None-Match and Idempotency-Key, and the ETag and Location answers carry", () => {
    const headers = (op: Operation) =>
      (op.parameters ?? []).filter((p) => p.in === "header").map((p) => p.name.toLowerCase());
    assert.deepEqual(headers(find("updateCase")), ["if-match"]);
    assert.deepEqual(headers(find("getCase")), ["if-none-match"]);
    assert.deepEqual(headers(find("createCase")), ["idempotency-key"]);
    assert.deepEqual(headers(find("addTimelineEntries")).sort(), ["idempotency-key", "if-match"]);
    for (const creation of ["createQueue", "createContact", "createKey", "createWebhook"])
      assert.ok(headers(find(creation)).includes("idempotency-key"), creation);
    assert.deepEqual(Object.keys(find("createCase").responses["201"]!.headers ?? {}).sort(), [
      "ETag",
      "Location",
    ]);
    assert.ok(find("updateCase").responses["200"]!.headers?.ETag);
    assert.ok(find("getCase").responses["304"]!.headers?.ETag);
    assert.ok(find("createUser").responses["201"]!.headers?.Location);
  });

  test("generates a typed client: openapi-typescript finds Case with its properties", async () => {
    const types = await openapiTS(structuredClone(doc));
    const block = /\n\s{4}Case: \{\n([\s\S]*?)\n\s{4}\};/.exec(types);
    assert.ok(block, "components.schemas.Case is generated");
    for (const property of [
      /\bid: string;/,
      /\bnumber: number;/,
      /\btitle: string;/,
      /\bstatus: "new" \| "open" \| "pending" \| "on_hold" \| "resolved" \| "closed";/,
      /\brevision: number;/,
      /\bcustomFields: \{/,
    ])
      assert.match(block[1]!, property);
    assert.match(
      types,
      /createCase: \{[\s\S]*?"application\/json": components\["schemas"\]\["CaseCreated"\]/,
    );
    assert.match(types, /"application\/problem\+json": components\["schemas"\]\["Problem"\]/);
  });

  test("every request body has an example, valid against its schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: "casework", components: doc.components });
    const bodies = operations.filter(({ op }) => op.requestBody);
    assert.ok(bodies.length >= 20, String(bodies.length));
    for (const { path, method, op } of bodies)
      for (const [type, media] of Object.entries(op.requestBody!.content)) {
        const where = `${method.toUpperCase()} ${path} (${type})`;
        assert.ok(media.example !== undefined, `${where} has an example`);
        const schema = JSON.parse(
          JSON.stringify(media.schema).replaceAll('"#/components/', '"casework#/components/'),
        );
        const valid = ajv.validate(schema, media.example);
        assert.ok(valid, `${where}: ${ajv.errorsText()}`);
      }
  });

  test("the examples work as shipped: each creation without path parameters is accepted", async () => {
    for (const operationId of [
      "createCase",
      "createContact",
      "createQueue",
      "createAccount",
      "createUser",
      "createKey",
      "createField",
    ]) {
      const { path, op } = operations.find((o) => o.op.operationId === operationId)!;
      const res = await t.request({
        method: "POST",
        url: path,
        payload: op.requestBody!.content["application/json"]!.example as object,
      });
      assert.equal(res.statusCode, 201, `${operationId}: ${res.body}`);
    }
    const settings = find("updateWorkspace").requestBody!.content["application/json"]!.example as object;
    const res = await t.request({ method: "PATCH", url: "/api/v1/workspace", payload: settings });
    assert.equal(res.statusCode, 200, res.body);
  });
});
