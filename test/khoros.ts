/** Helpers for Khoros dialect tests: calls as Khoros makes them, error-envelope assertions, seed payloads. */
import assert from "node:assert/strict";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { TestApp } from "./setup.ts";

/** Khoros's agent headers (Marketing names; Care sends x-sf-email instead). */
export const AGENT_HEADERS = {
  "x-sf-user-email": "agent@brand.example",
  "x-sf-company-id": "4242",
  "x-sf-initiative": "17",
};

/** A call as Khoros makes it: the raw key in Authorization, JSON, the agent headers. */
export function khoros(
  t: TestApp,
  options: Omit<InjectOptions, "url"> & { url: string; key?: string | null },
): Promise<LightMyRequestResponse> {
  const { key, headers, url, ...rest } = options;
  const token = key === undefined ? t.key : key;
  return t.app.inject({
    ...rest,
    url: `/khoros${url}`,
    headers: { ...AGENT_HEADERS, ...(token ? { authorization: token } : {}), ...headers },
  });
}

export interface KhorosErrorBody {
  error: string;
  message: string;
  fields?: { name: string; errorMessage: string }[];
}

/** Asserts the Khoros error envelope with this status and code, naming exactly `fields` when given. */
export function assertKhorosError(
  res: LightMyRequestResponse,
  status: number,
  code: string,
  fields?: string[],
): KhorosErrorBody {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers["content-type"]), /^application\/json/);
  const body = res.json() as KhorosErrorBody;
  assert.deepEqual(
    Object.keys(body).filter((k) => k !== "fields"),
    ["error", "message"],
  );
  assert.equal(body.error, code);
  assert.equal(Array.isArray(body.fields), status === 400 || status === 422, "fields on 400 and 422 only");
  assert.ok(body.message.length > 0, "an error has a message");
  if (fields) {
    assert.deepEqual(body.fields?.map((f) => f.name).sort(), [...fields].sort(), JSON.stringify(body.fields));
    for (const f of body.fields ?? []) assert.ok(f.errorMessage.length > 0);
  }
  return body;
}

/** An interaction the way the seed pages describe one (author included). */
export function interaction(serviceId: string, overrides: Record<string, unknown> = {}) {
  return {
    created: "2026-01-05T08:30:00.000Z",
    body: `Post ${serviceId}: my order never arrived`,
    linkUrl: `https://www.facebook.com/brand/posts/${serviceId}`,
    serviceId,
    service: "facebook",
    contentType: "post",
    author: {
      service: "facebook",
      serviceId: "fb-user-1",
      handle: "jane.doe",
      name: "Jane Doe",
      brandOwned: false,
    },
    ...overrides,
  };
}

export type KhorosCase = Record<string, unknown> & {
  id: string;
  number: string;
  customerId: string;
  status: string;
  url: string;
  interactions: Record<string, unknown>[];
};

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every required Case property, with its documented type; interactions with theirs. */
export function assertCaseShape(value: unknown): KhorosCase {
  const c = value as KhorosCase;
  for (const key of ["id", "number", "customerId", "title", "description", "url", "lastUpdated", "created"])
    assert.equal(typeof c[key], "string", `${key} is a string in ${JSON.stringify(c)}`);
  assert.match(c.lastUpdated as string, ISO_WITH_ZONE);
  assert.match(c.created as string, ISO_WITH_ZONE);
  assert.ok(c.status === "open" || c.status === "closed");
  assert.ok(URL.canParse(c.url));
  assert.ok(Array.isArray(c.interactions));
  for (const i of c.interactions) {
    for (const key of ["created", "body", "linkUrl", "serviceId", "service", "contentType"])
      assert.equal(typeof i[key], "string", `interaction ${key}`);
    assert.match(i.created as string, ISO_WITH_ZONE);
    if (i.author !== undefined) {
      const author = i.author as Record<string, unknown>;
      for (const key of ["service", "serviceId", "handle", "name"])
        assert.equal(typeof author[key], "string");
      assert.equal(typeof author.brandOwned, "boolean");
    }
  }
  return c;
}

/** Creates a contact through the native API and returns its id. */
export async function contactId(t: TestApp, payload: Record<string, unknown>): Promise<string> {
  const res = await t.request({ method: "POST", url: "/api/v1/contacts", payload });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: string }).id;
}

/** Defines a custom field through the native API. */
export async function defineField(t: TestApp, payload: Record<string, unknown>) {
  const res = await t.request({ method: "POST", url: "/api/v1/fields", payload });
  assert.equal(res.statusCode, 201, res.body);
}
