import assert from "node:assert/strict";
import { describe, test } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { buildTestApp } from "../../test/setup.ts";

describe("app", async () => {
  const t = await buildTestApp();

  test("GET /api/v1/openapi.json is a valid OpenAPI 3.1 document of the native API, served without a key", async () => {
    const res = await t.request({ method: "GET", url: "/api/v1/openapi.json", key: null });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    const doc = res.json();
    assert.equal(doc.openapi, "3.1.0");
    assert.equal(doc.info.title, "Casework API");
    await SwaggerParser.validate(structuredClone(doc));

    for (const path of [
      "/api/v1/cases",
      "/api/v1/cases/{id}",
      "/api/v1/cases/{id}/timeline",
      "/api/v1/cases/{id}/history",
      "/api/v1/contacts",
      "/api/v1/contacts/{id}",
      "/api/v1/fields",
      "/api/v1/queues",
      "/api/v1/accounts",
      "/api/v1/users",
      "/api/v1/keys",
      "/api/v1/me",
      "/api/v1/workspace",
    ])
      assert.ok(doc.paths[path], `documents ${path}`);
    assert.ok(doc.paths["/api/v1/cases"].post, "documents POST /api/v1/cases");
    assert.ok(doc.paths["/api/v1/cases"].get, "documents GET /api/v1/cases");
    assert.ok(doc.paths["/api/v1/cases/{id}"].patch, "documents PATCH /api/v1/cases/{id}");
    assert.ok(doc.paths["/api/v1/cases"].post.responses["201"], "documents the 201 of case create");
    assert.ok(doc.paths["/api/v1/cases"].post.responses["400"], "documents the 400 of case create");
    assert.deepEqual(doc.components.securitySchemes.apiKey, { type: "http", scheme: "bearer" });
    assert.deepEqual(doc.security, [{ apiKey: [] }]);

    // Every operation has a unique operationId and a summary, for client generators and readers.
    const operations = Object.values(
      doc.paths as Record<string, Record<string, { operationId?: string; summary?: string }>>,
    ).flatMap((path) => Object.values(path));
    const operationIds = operations.map((operation) => operation.operationId);
    assert.ok(
      operationIds.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id)),
      String(operationIds),
    );
    assert.equal(new Set(operationIds).size, operationIds.length, "operation ids are unique");
    assert.ok(operations.every((operation) => operation.summary));

    // Operational and documentation routes are hidden from the API description.
    for (const hidden of ["/healthz", "/readyz", "/api/v1/openapi.json"])
      assert.equal(doc.paths[hidden], undefined);
  });

  test("GET /docs serves the HTML API explorer", async () => {
    let res = await t.request({ method: "GET", url: "/docs", key: null });
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      const location = String(res.headers.location);
      res = await t.request({
        method: "GET",
        url: new URL(location, "http://localhost/docs/").pathname,
        key: null,
      });
    }
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers["content-type"]), /^text\/html/);
    assert.match(res.body, /<html/i);
    assert.match(res.body, /swagger/i);

    const index = await t.request({ method: "GET", url: "/docs/static/index.html", key: null });
    assert.ok([200, 302].includes(index.statusCode), `status ${index.statusCode}`);
    if (index.statusCode === 302) {
      const target = await t.request({ method: "GET", url: String(index.headers.location), key: null });
      assert.equal(target.statusCode, 200);
      assert.match(String(target.headers["content-type"]), /^text\/html/);
    }
  });

  test("GET /healthz and /readyz answer 200 without a key", async () => {
    const health = await t.request({ method: "GET", url: "/healthz", key: null });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: "ok" });
    const ready = await t.request({ method: "GET", url: "/readyz", key: null });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: "ready" });
  });

  test("an unknown route under /api/v1 is a 404 problem with code route_not_found", async () => {
    for (const [method, url] of [
      ["GET", "/api/v1/nothing-here"],
      ["POST", "/api/v1/cases/1/nothing"],
      ["DELETE", "/api/v1/nothing-here/1"],
    ] as const) {
      const res = await t.request({ method, url, payload: method === "POST" ? {} : undefined });
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
      assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
      const body = res.json();
      assert.equal(body.code, "route_not_found");
      assert.equal(body.status, 404);
      assert.equal(body.type, "urn:casework:problem:route_not_found");
      assert.equal(body.title, "Not Found");
      assert.equal(typeof body.detail, "string");
      assert.ok(body.detail.includes(url), body.detail);
    }
  });

  test("a known path with another method is a 405 problem listing the path's methods in Allow", async () => {
    const res = await t.request({ method: "DELETE", url: "/api/v1/workspace" });
    assert.equal(res.statusCode, 405, res.body);
    assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
    assert.equal(res.headers.allow, "GET, HEAD, PATCH");
    assert.equal(res.json().code, "method_not_allowed");
    assert.equal(res.json().title, "Method Not Allowed");
  });

  test("a badly encoded URL is a 400 problem, not the framework's own error", async () => {
    const res = await t.request({ method: "GET", url: "/api/v1/cases/%zz" });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
    assert.equal(res.json().code, "malformed_request");
  });

  test("the root serves the console; unknown paths outside the API are problem+json 404s", async () => {
    const root = await t.request({ method: "GET", url: "/", key: null });
    assert.equal(root.statusCode, 200, "the console is built by npm install (npm run build:web)");
    assert.match(String(root.headers["content-type"]), /^text\/html/);
    assert.match(root.body, /<script type="module"[^>]+src="\/console\/assets\/index-[\w-]+\.js"/);
    const missing = await t.request({ method: "GET", url: "/nowhere", key: null });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers["content-type"]), /^application\/problem\+json/);
    assert.equal(missing.json().code, "route_not_found");
  });
});
