import assert from "node:assert/strict";
import { describe, test } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { buildTestApp } from "../../../test/setup.ts";

describe("the Talkdesk dialect's OpenAPI document", async () => {
  const t = await buildTestApp();

  test("GET /cm/openapi.json is a valid OpenAPI 3.1 document of the nine endpoints and the token endpoint", async () => {
    const res = await t.app.inject({ method: "GET", url: "/cm/openapi.json" });
    assert.equal(res.statusCode, 200, res.body);
    const doc = res.json();
    assert.equal(doc.openapi, "3.1.0");
    await SwaggerParser.validate(structuredClone(doc));
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    assert.deepEqual(operations.sort(), [
      "DELETE /cm/core/va/cases DeletingCasesSoftly",
      "DELETE /cm/core/va/cases/deleted-cases DeletingCasesPermanently",
      "GET /cm/core/va/cases GettingAListOfCases",
      "GET /cm/core/va/cases/info GettingNewestCaseDetailsByContact",
      "GET /cm/core/va/cases/{id} GettingCaseDetails",
      "GET /cm/meta/va/fields GettingAListOfCaseFields",
      "PATCH /cm/core/va/cases/{id} UpdatingACase",
      "PATCH /cm/core/va/notes/{note_id} UpdateACaseNote",
      "POST /cm/core/va/cases CreatingACase",
      "POST /oauth/token issueToken",
    ]);
    assert.equal(doc.components.securitySchemes.oauth.flows.clientCredentials.tokenUrl, "/oauth/token");
    assert.ok(doc.paths["/cm/core/va/cases"].post.responses["201"]);
    assert.ok(doc.paths["/cm/core/va/cases"].post.responses["409"]);
  });

  test("the native document leaves the dialect out and links to its document", async () => {
    const native = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    assert.ok(Object.keys(native.paths).every((path) => path.startsWith("/api/v1/")));
    assert.match(native.info.description, /\/cm\/openapi\.json/);
    const explorer = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    assert.match(explorer.info.description, /\/cm\/openapi\.json/);
    assert.equal(explorer.paths["/cm/core/va/cases"], undefined);
  });
});
