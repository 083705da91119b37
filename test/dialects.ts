/**
 * Every HTTP dialect as the reliability suite sees it: how it takes a credential, what its errors look
 * like, and one sample request per route. Adding a dialect is adding one entry to DIALECTS.
 */
import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import type { Scope } from "../src/domain/access.ts";
import { assertKhorosError } from "./khoros.ts";
import { assertProblem } from "./native.ts";
import { assertTalkdeskError } from "./talkdesk.ts";

/** Records of the seeded workspace that route samples point at (see test/access-fixture.ts). */
export interface SeededIds {
  /** A case of the operations account, with an internal note. */
  case: number;
  /** A case of the client account. */
  clientCase: number;
  /** A note on `case`. */
  entry: number;
  contact: number;
  queue: number;
  user: number;
  account: number;
  field: number;
  key: number;
}

export interface RouteSample {
  url: string;
  payload?: unknown;
  /** The scope the route needs; null: any valid credential; "public": no credential at all. */
  scope: Scope | null | "public";
  /** Operations users only: a client or vendor user gets 403 even with the scope. */
  operationsOnly?: boolean;
  /** The seeded record the path names (another workspace gets 404 for it); absent when it names none. */
  names?: keyof SeededIds;
}

export interface Dialect {
  name: string;
  /** Every route under this prefix belongs to the dialect and must have a sample. */
  prefix: string;
  /** Each way the dialect accepts `key`, as request headers. */
  credentials(key: string): Record<string, string>[];
  /** Credentials built from a valid `key` that the dialect must refuse (401). */
  badCredentials(key: string): Record<string, string>[];
  /** Asserts an error response in the dialect's documented shape, with this status. */
  assertError(res: LightMyRequestResponse, status: number): void;
  /** One valid request per route, keyed `METHOD path` exactly as the route is registered. */
  routes(ids: SeededIds): Record<string, RouteSample>;
}

const v1 = "/api/v1";

export const native: Dialect = {
  name: "native",
  prefix: v1,
  credentials: (key) => [{ authorization: `Bearer ${key}` }, { authorization: `bearer ${key}` }],
  badCredentials: (key): Record<string, string>[] => [
    { authorization: "Bearer cw_not_a_real_key" },
    { authorization: `Bearer ${key}x` },
    { authorization: `Bearer ${key.slice(0, -1)}` },
    { authorization: key },
    { authorization: `Basic ${Buffer.from(`user:${key}`).toString("base64")}` },
    { authorization: "Bearer" },
    { authorization: `Bearer ${"k".repeat(600)}` },
    { "x-api-key": key },
  ],
  assertError(res, status) {
    const body = assertProblem(res, status, (res.json() as { code: string }).code);
    assert.match(body.code, /^[a-z_]+$/);
    if (status === 401) assert.match(String(res.headers["www-authenticate"]), /^Bearer/);
  },
  routes: (ids) => ({
    [`GET ${v1}/openapi.json`]: { url: `${v1}/openapi.json`, scope: "public" },
    [`GET ${v1}/me`]: { url: `${v1}/me`, scope: null },
    [`GET ${v1}/cases`]: { url: `${v1}/cases`, scope: "cases:read" },
    [`POST ${v1}/cases`]: { url: `${v1}/cases`, payload: { title: "From the matrix" }, scope: "cases:write" },
    [`GET ${v1}/cases/:id`]: { url: `${v1}/cases/${ids.case}`, names: "case", scope: "cases:read" },
    [`PATCH ${v1}/cases/:id`]: {
      url: `${v1}/cases/${ids.case}`,
      names: "case",
      payload: { title: "Changed by the matrix" },
      scope: "cases:write",
    },
    [`DELETE ${v1}/cases/:id`]: { url: `${v1}/cases/${ids.case}`, names: "case", scope: "cases:write" },
    [`POST ${v1}/cases/:id/restore`]: {
      url: `${v1}/cases/${ids.case}/restore`,
      names: "case",
      scope: "cases:write",
    },
    [`GET ${v1}/cases/:id/timeline`]: {
      url: `${v1}/cases/${ids.case}/timeline`,
      names: "case",
      scope: "cases:read",
    },
    [`POST ${v1}/cases/:id/timeline`]: {
      url: `${v1}/cases/${ids.case}/timeline`,
      names: "case",
      payload: { kind: "note", body: "From the matrix" },
      scope: "cases:write",
    },
    [`PATCH ${v1}/cases/:id/timeline/:entryId`]: {
      url: `${v1}/cases/${ids.case}/timeline/${ids.entry}`,
      names: "case",
      payload: { body: "Edited by the matrix" },
      scope: "cases:write",
    },
    [`GET ${v1}/cases/:id/history`]: {
      url: `${v1}/cases/${ids.case}/history`,
      names: "case",
      scope: "cases:read",
      operationsOnly: true,
    },
    [`GET ${v1}/contacts`]: { url: `${v1}/contacts`, scope: "cases:read" },
    [`POST ${v1}/contacts`]: { url: `${v1}/contacts`, payload: { name: "Matrix" }, scope: "cases:write" },
    [`GET ${v1}/contacts/:id`]: {
      url: `${v1}/contacts/${ids.contact}`,
      names: "contact",
      scope: "cases:read",
    },
    [`PATCH ${v1}/contacts/:id`]: {
      url: `${v1}/contacts/${ids.contact}`,
      names: "contact",
      payload: { name: "Renamed by the matrix" },
      scope: "cases:write",
    },
    [`DELETE ${v1}/contacts/:id`]: {
      url: `${v1}/contacts/${ids.contact}`,
      names: "contact",
      scope: "cases:write",
    },
    [`GET ${v1}/keys`]: { url: `${v1}/keys`, scope: "admin" },
    [`POST ${v1}/keys`]: {
      url: `${v1}/keys`,
      payload: { name: "matrix", scopes: ["cases:read"] },
      scope: "admin",
    },
    [`DELETE ${v1}/keys/:id`]: { url: `${v1}/keys/${ids.key}`, names: "key", scope: "admin" },
    [`GET ${v1}/oauth-clients`]: { url: `${v1}/oauth-clients`, scope: "admin" },
    [`POST ${v1}/oauth-clients`]: {
      url: `${v1}/oauth-clients`,
      payload: { name: "matrix", scopes: ["cases-public:read"] },
      scope: "admin",
    },
    // No client is seeded: another workspace's id and a missing one answer alike (404).
    [`DELETE ${v1}/oauth-clients/:id`]: { url: `${v1}/oauth-clients/999999`, scope: "admin" },
    [`GET ${v1}/workspace`]: { url: `${v1}/workspace`, scope: "cases:read" },
    [`PATCH ${v1}/workspace`]: {
      url: `${v1}/workspace`,
      payload: { resolutionRequired: false },
      scope: "admin",
    },
    ...administered(
      "fields",
      ids,
      "field",
      { object: "case", key: "matrix", label: "Matrix", type: "text" },
      {
        label: "Renamed",
      },
    ),
    ...administered("queues", ids, "queue", { name: "Matrix" }, { name: "Renamed" }),
    ...administered("accounts", ids, "account", { name: "Matrix", type: "client" }, { name: "Renamed" }),
    ...administered(
      "users",
      ids,
      "user",
      { accountId: ids.account, email: "matrix@example.com", name: "M" },
      {
        name: "Renamed",
      },
    ),
  }),
};

/** The four routes of an administered resource (list and get need cases:read, writes need admin). */
function administered(
  resource: string,
  ids: SeededIds,
  names: keyof SeededIds,
  create: unknown,
  patch: unknown,
) {
  const path = `${v1}/${resource}`;
  return {
    [`GET ${path}`]: { url: path, scope: "cases:read" },
    [`POST ${path}`]: { url: path, payload: create, scope: "admin" },
    [`GET ${path}/:id`]: { url: `${path}/${ids[names]}`, names, scope: "cases:read" },
    [`PATCH ${path}/:id`]: { url: `${path}/${ids[names]}`, payload: patch, names, scope: "admin" },
  } satisfies Record<string, RouteSample>;
}

const kh = "/khoros";

/** The Khoros custom-CRM dialect (docs/dialects/khoros.md): the raw key, Bearer or X-API-Key. */
export const khoros: Dialect = {
  name: "khoros",
  prefix: kh,
  credentials: (key): Record<string, string>[] => [
    { authorization: key },
    { authorization: `Bearer ${key}` },
    { "x-api-key": key },
  ],
  badCredentials: (key): Record<string, string>[] => [
    { authorization: "cw_not_a_real_key" },
    { authorization: `${key}x` },
    { authorization: `Bearer ${key.slice(0, -1)}` },
    { "x-api-key": `${key}x` },
    { authorization: `Basic ${Buffer.from(`user:${key}`).toString("base64")}` },
    { authorization: `${key} extra` },
    { authorization: "k".repeat(600) },
  ],
  assertError(res, status) {
    assertKhorosError(res, status, (res.json() as { error: string }).error);
  },
  routes: (ids) => ({
    [`POST ${kh}/case`]: {
      url: `${kh}/case`,
      payload: { customerId: String(ids.contact), title: "From the matrix" },
      scope: "cases:write",
    },
    [`GET ${kh}/case/:id`]: { url: `${kh}/case/${ids.case}`, names: "case", scope: "cases:read" },
    [`PATCH ${kh}/case/:id`]: {
      url: `${kh}/case/${ids.case}`,
      payload: { title: "Changed by the matrix" },
      names: "case",
      scope: "cases:write",
    },
    [`GET ${kh}/customer/:id/cases`]: {
      url: `${kh}/customer/${ids.contact}/cases`,
      names: "contact",
      scope: "cases:read",
    },
    [`POST ${kh}/customers`]: { url: `${kh}/customers`, payload: { name: "Requester" }, scope: "cases:read" },
    [`POST ${kh}/customer/bestmatch`]: {
      url: `${kh}/customer/bestmatch`,
      payload: { email: "requester@example.com" },
      scope: "cases:read",
    },
    [`POST ${kh}/customer`]: { url: `${kh}/customer`, payload: { name: "Matrix" }, scope: "cases:write" },
    [`GET ${kh}/customer/:id`]: {
      url: `${kh}/customer/${ids.contact}`,
      names: "contact",
      scope: "cases:read",
    },
    [`PATCH ${kh}/customer/:id`]: {
      url: `${kh}/customer/${ids.contact}`,
      payload: { name: "Renamed by the matrix" },
      names: "contact",
      scope: "cases:write",
    },
    [`GET ${kh}/meta/object/:type`]: { url: `${kh}/meta/object/case`, scope: "cases:read" },
  }),
};

const td = "/cm";

/**
 * The Talkdesk Case API dialect (docs/dialects/talkdesk.md). OAuth access tokens are its own credential
 * (covered in src/http/talkdesk/auth.test.ts); the matrix sends Casework keys as bearer tokens, which it
 * also accepts, their scopes standing for Talkdesk's.
 */
export const talkdesk: Dialect = {
  name: "talkdesk",
  prefix: td,
  credentials: (key) => [{ authorization: `Bearer ${key}` }, { authorization: `bearer ${key}` }],
  badCredentials: (key): Record<string, string>[] => [
    { authorization: "Bearer cw_not_a_real_key" },
    { authorization: `Bearer ${key}x` },
    { authorization: key },
    { authorization: `Basic ${Buffer.from(`user:${key}`).toString("base64")}` },
    {
      authorization:
        "Bearer eyJhbGciOiJFUzI1NiIsImtpZCI6IjEuMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIn0.e30.AAAA",
    },
    { authorization: `Bearer ${"k".repeat(5000)}` },
    { "x-api-key": key },
  ],
  assertError(res, status) {
    assertTalkdeskError(res, status);
    if (status === 401) assert.match(String(res.headers["www-authenticate"]), /^Bearer/);
  },
  routes: (ids) => ({
    [`GET ${td}/openapi.json`]: { url: `${td}/openapi.json`, scope: "public" },
    [`POST ${td}/core/va/cases`]: {
      url: `${td}/core/va/cases`,
      payload: { title: "From the matrix", description: "Sent by the matrix" },
      scope: "cases:write",
    },
    [`GET ${td}/core/va/cases`]: {
      url: `${td}/core/va/cases?status=NEW,OPEN&per_page=5`,
      scope: "cases:read",
    },
    [`GET ${td}/core/va/cases/info`]: {
      url: `${td}/core/va/cases/info?email=requester@example.com`,
      scope: "cases:read",
    },
    [`GET ${td}/core/va/cases/:id`]: {
      url: `${td}/core/va/cases/${ids.case}`,
      names: "case",
      scope: "cases:read",
    },
    [`PATCH ${td}/core/va/cases/:id`]: {
      url: `${td}/core/va/cases/${ids.case}`,
      payload: { title: "Changed by the matrix", description: "Changed too" },
      names: "case",
      scope: "cases:write",
    },
    [`DELETE ${td}/core/va/cases`]: {
      url: `${td}/core/va/cases?ids=${ids.case}`,
      names: "case",
      scope: "cases:write",
    },
    [`DELETE ${td}/core/va/cases/deleted-cases`]: {
      url: `${td}/core/va/cases/deleted-cases?ids=${ids.case}`,
      names: "case",
      scope: "cases:write",
    },
    [`PATCH ${td}/core/va/notes/:note_id`]: {
      url: `${td}/core/va/notes/${ids.entry}`,
      payload: { note_body: "Edited by the matrix" },
      names: "entry",
      scope: "cases:write",
    },
    [`GET ${td}/meta/va/fields`]: { url: `${td}/meta/va/fields`, scope: "cases:read" },
  }),
};

export const DIALECTS: Dialect[] = [native, khoros, talkdesk];
