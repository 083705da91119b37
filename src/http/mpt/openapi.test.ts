/** The dialect's OpenAPI document: valid 3.1, served without a key, every route in it, none in the native one. */
import assert from "node:assert/strict";
import { test } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { buildTestApp } from "../../../test/setup.ts";

test("GET /public/v1/openapi.json documents every MPT route and is linked from the native document", async () => {
  const t = await buildTestApp();
  const res = await t.request({ method: "GET", url: "/public/v1/openapi.json", key: null });
  assert.equal(res.statusCode, 200, res.body);
  const doc = res.json();
  assert.equal(doc.openapi, "3.1.0");
  await SwaggerParser.validate(structuredClone(doc));
  for (const [path, methods] of Object.entries({
    "/helpdesk/cases": ["get", "post"],
    "/helpdesk/cases/{id}": ["get", "put"],
    "/helpdesk/cases/{id}/query": ["post"],
    "/helpdesk/cases/{id}/process": ["post"],
    "/helpdesk/cases/{id}/complete": ["post"],
    "/helpdesk/queues": ["get", "post"],
    "/helpdesk/queues/{id}": ["get", "put", "delete"],
    "/helpdesk/queues/{id}/activate": ["post"],
    "/helpdesk/queues/{id}/disable": ["post"],
    "/helpdesk/chats": ["get"],
    "/helpdesk/chats/{id}": ["get", "put"],
    "/helpdesk/chats/{id}/messages": ["get", "post"],
    "/helpdesk/chats/{id}/messages/{messageId}": ["get", "put", "delete"],
    "/notifications/contacts": ["get", "post"],
    "/notifications/contacts/{id}": ["get", "put", "delete"],
    "/notifications/contacts/{id}/block": ["post"],
    "/notifications/contacts/{id}/unblock": ["post"],
    "/helpdesk/chats/{id}/participants": ["get", "post"],
    "/helpdesk/chats/{id}/participants/{participantId}": ["get", "put", "delete"],
    "/helpdesk/chats/{id}/links": ["get", "post"],
    "/helpdesk/chats/{id}/links/{linkId}": ["get", "put", "delete"],
    "/helpdesk/chats/{id}/attachments": ["get", "post"],
    "/helpdesk/chats/{id}/attachments/{attachmentId}": ["get", "put", "delete"],
    "/helpdesk/chats/{id}/attachments/{attachmentId}/download": ["get"],
    "/helpdesk/forms": ["get", "post"],
    "/helpdesk/forms/{id}": ["get", "put", "delete"],
    "/helpdesk/forms/{id}/publish": ["post"],
    "/helpdesk/forms/{id}/unpublish": ["post"],
    "/helpdesk/chats/{id}/answers": ["get", "post"],
    "/helpdesk/chats/{id}/answers/{answerId}": ["get", "put", "delete"],
    "/helpdesk/chats/{id}/answers/{answerId}/submit": ["post"],
    "/helpdesk/chats/{id}/answers/{answerId}/query": ["post"],
    "/helpdesk/chats/{id}/answers/{answerId}/validate": ["post"],
    "/helpdesk/chats/{id}/answers/{answerId}/accept": ["post"],
    "/helpdesk/parameters": ["get", "post"],
    "/helpdesk/parameters/{id}": ["get", "put", "delete"],
    "/helpdesk/parameter-groups": ["get", "post"],
    "/helpdesk/parameter-groups/{id}": ["get", "put", "delete"],
    "/helpdesk/parameter-groups/{id}/parameters": ["get", "post"],
    "/helpdesk/parameter-groups/{id}/parameters/{parameterId}": ["get", "put", "delete"],
  }))
    assert.deepEqual(Object.keys(doc.paths[path] ?? {}).sort(), methods.sort(), path);
  const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
    (p) => Object.values(p).map((o) => o.operationId),
  );
  assert.equal(new Set(ids).size, ids.length, String(ids));
  const download = doc.paths["/helpdesk/chats/{id}/attachments/{attachmentId}/download"].get;
  assert.equal(download.operationId, "downloadChatsAttachments");
  assert.ok(download.responses["200"].content["application/octet-stream"]);
  assert.ok(!download.parameters.some((p: { name: string }) => p.name === "limit"));
  const upload = doc.paths["/helpdesk/chats/{id}/attachments"].post.requestBody;
  assert.deepEqual(Object.keys(upload.content), ["multipart/form-data"]);
  const parts = upload.content["multipart/form-data"].schema;
  assert.equal(parts.properties.file.format, "binary");
  assert.deepEqual(Object.keys(parts.properties.attachment.properties), ["name", "description"]);
  assert.deepEqual(parts.required, ["file"]);
  assert.equal(doc.paths["/helpdesk/chats/{id}/answers"].post.operationId, "createChatsAnswers");
  assert.equal(
    doc.paths["/helpdesk/chats/{id}/answers/{answerId}/query"].post.operationId,
    "queryChatsAnswers",
  );
  assert.equal(doc.paths["/helpdesk/forms/{id}/publish"].post.operationId, "publishForms");
  assert.equal(
    doc.paths["/helpdesk/parameter-groups/{id}/parameters"].post.operationId,
    "createParameterGroupsParameters",
  );
  const native = (await t.request({ method: "GET", url: "/api/v1/openapi.json", key: null })).json();
  assert.ok(Object.keys(native.paths).every((path) => !path.includes("helpdesk")));
  assert.match(native.info.description, /\/public\/v1\/openapi\.json/);
});
