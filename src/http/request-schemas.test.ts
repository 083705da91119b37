import assert from "node:assert/strict";
import { describe, test } from "node:test";
import Fastify, { type RouteOptions } from "fastify";
import { testDatabase } from "../../test/setup.ts";
import { eventHub } from "../events/hub.ts";
import { DIALECTS } from "./app.ts";
import { DEFAULT_ATTACHMENT_LIMIT } from "./dialect.ts";

type Node = Record<string, unknown>;

/**
 * Paths of every object schema under `schema` that accepts unknown properties without saying so. An object
 * declared `additionalProperties: true` is a choice its handler enforces (Khoros bodies carry declared
 * custom fields at the top level and refuse the rest by name).
 */
function openObjects(schema: unknown, at: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => openObjects(item, `${at}/${i}`));
  if (!schema || typeof schema !== "object") return [];
  const node = schema as Node;
  const here =
    (node.type === "object" || node.properties) &&
    node.additionalProperties === undefined &&
    !node.patternProperties
      ? [at]
      : [];
  return [
    ...here,
    ...Object.entries(node).flatMap(([key, value]) =>
      typeof value === "object" ? openObjects(value, `${at}/${key}`) : [],
    ),
  ];
}

describe("request schemas", () => {
  test("every body and query-string object of every dialect says whether it takes unknown properties", async () => {
    const db = await testDatabase();
    const app = Fastify();
    const routes: RouteOptions[] = [];
    app.addHook("onRoute", (route) => {
      routes.push(route);
    });
    const events = eventHub(db);
    const ctx = { db, now: () => new Date(), events };
    for (const dialect of DIALECTS) {
      for (const schema of dialect.schemas ?? []) app.addSchema(schema);
      await app.register(dialect.routes, {
        prefix: dialect.prefixes[0],
        ctx,
        publicUrl: undefined,
        attachmentLimit: DEFAULT_ATTACHMENT_LIMIT,
      });
    }
    await app.ready();
    const withBodies = routes.filter((route) => route.schema?.body);
    assert.ok(withBodies.length > 10, `${withBodies.length} routes take a body`);
    const open = routes.flatMap((route) =>
      (["body", "querystring"] as const).flatMap((part) =>
        openObjects(route.schema?.[part], `${route.method} ${route.url} ${part}`),
      ),
    );
    assert.deepEqual(open, []);
    await app.close();
    await events.close();
  });
});
