/** Helpers for native API tests: problem+json assertions, case factories and list walking. */
import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import type { TestApp } from "./setup.ts";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

/** Asserts an RFC 9457 problem with this status and code and, when given, an error naming `field`. */
export function assertProblem(
  res: LightMyRequestResponse,
  status: number,
  code: string,
  field?: string,
): ProblemBody {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
  const body = res.json() as ProblemBody;
  assert.equal(body.status, status);
  assert.equal(body.code, code);
  assert.equal(body.type, `urn:casework:problem:${code}`);
  assert.equal(typeof body.title, "string");
  assert.ok(body.detail.length > 0, "a problem has a detail");
  if (field !== undefined) {
    const fields = (body.errors ?? []).map((error) => error.field);
    assert.ok(fields.includes(field), `expected an error on ${field}, got ${JSON.stringify(body.errors)}`);
  }
  return body;
}

/** Wire shape of a case, loosely typed for assertions. */
export type WireCase = Record<string, unknown> & {
  id: string;
  number: number;
  revision: number;
  status: string;
};

export async function createCase(t: TestApp, payload: Record<string, unknown>, key?: string | null) {
  const res = await t.request({
    method: "POST",
    url: "/api/v1/cases",
    payload,
    ...(key === undefined ? {} : { key }),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as WireCase & { timeline: Record<string, unknown>[] };
}

export async function getCase(t: TestApp, id: string | number, key?: string | null) {
  const res = await t.request({
    method: "GET",
    url: `/api/v1/cases/${id}`,
    ...(key === undefined ? {} : { key }),
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as WireCase;
}

export async function patchCase(t: TestApp, id: string | number, payload: Record<string, unknown>) {
  const res = await t.request({ method: "PATCH", url: `/api/v1/cases/${id}`, payload });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as WireCase;
}

/** Every page of a list, following `next` with the same query. */
export async function walkPages<T = WireCase>(
  t: TestApp,
  url: string,
  options: { key?: string | null; cursor?: string } = {},
): Promise<T[]> {
  const { key } = options;
  const seen: T[] = [];
  let cursor: string | null = options.cursor ?? null;
  for (let page = 0; page < 1000; page++) {
    const sep = url.includes("?") ? "&" : "?";
    const res = await t.request({
      method: "GET",
      url: cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url,
      ...(key === undefined ? {} : { key }),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { data: T[]; next: string | null };
    seen.push(...body.data);
    if (!body.next) return seen;
    assert.ok(body.data.length > 0, "a page with a next cursor is not empty");
    cursor = body.next;
  }
  throw new Error("pagination did not end");
}

/** Numbers of the cases a list query returns (one page of up to 500). */
export async function listNumbers(t: TestApp, query = "", key?: string | null): Promise<number[]> {
  const res = await t.request({
    method: "GET",
    url: `/api/v1/cases?limit=500${query ? `&${query}` : ""}`,
    ...(key === undefined ? {} : { key }),
  });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { data: WireCase[]; next: string | null };
  assert.equal(body.next, null);
  return body.data.map((c) => c.number);
}

export interface WireAudit {
  id: string;
  action: string;
  revision: number | null;
  at: string;
  actor: { type: string; id: string | null; label: string };
  changes: { field: string; before: unknown; after: unknown }[];
}

export async function historyOf(t: TestApp, id: string | number): Promise<WireAudit[]> {
  const res = await t.request({ method: "GET", url: `/api/v1/cases/${id}/history?limit=500` });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { data: WireAudit[] }).data;
}

/** The user and account behind the test app's admin key. */
export async function me(t: TestApp, key?: string) {
  const res = await t.request({ method: "GET", url: "/api/v1/me", ...(key === undefined ? {} : { key }) });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { id: string; accountId: string; email: string };
}

/** Moves the app's clock forward. */
export function advance(t: TestApp, seconds: number) {
  t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
}

/** Every case route, for the case `id`. */
export const caseRoutes = (id: string) =>
  [
    { method: "GET", url: `/api/v1/cases/${id}` },
    { method: "PATCH", url: `/api/v1/cases/${id}`, payload: { title: "changed" } },
    { method: "DELETE", url: `/api/v1/cases/${id}` },
    { method: "DELETE", url: `/api/v1/cases/${id}?permanent=true` },
    { method: "POST", url: `/api/v1/cases/${id}/restore` },
    { method: "GET", url: `/api/v1/cases/${id}/timeline` },
    { method: "POST", url: `/api/v1/cases/${id}/timeline`, payload: { kind: "note", body: "changed" } },
    { method: "PATCH", url: `/api/v1/cases/${id}/timeline/1`, payload: { body: "changed" } },
    { method: "GET", url: `/api/v1/cases/${id}/history` },
  ] as const;

/** Asserts a 400 validation problem whose errors name `field`. */
export function assertInvalid(res: LightMyRequestResponse, field: string): ProblemBody {
  return assertProblem(res, 400, "validation_failed", field);
}
