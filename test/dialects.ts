/**
 * Every HTTP dialect as the reliability suite sees it: how it takes a credential, what its errors look
 * like, and one sample request per route. Adding a dialect is adding one entry to DIALECTS.
 */
import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import type { Scope } from "../src/domain/access.ts";
import { formatId } from "../src/http/mpt/ids.ts";
import { assertKhorosError } from "./khoros.ts";
import { assertMptError } from "./mpt.ts";
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
  /** A public message on `clientCase`. */
  clientEntry: number;
  contact: number;
  queue: number;
  user: number;
  account: number;
  field: number;
  /** A parameter group (MPT) holding `groupParameter`, a case field everyone may see. */
  parameterGroup: number;
  groupParameter: number;
  key: number;
  /** A webhook subscription, with `delivery` of the operations case's creation to it. */
  webhook: number;
  delivery: number;
  /** One participant of each seeded case's chat, by case number (MPT). */
  participants: Record<number, number>;
  /** One link in each seeded case's chat, by case number (MPT). */
  links: Record<number, number>;
  /** One attachment in each seeded case's chat, by case number (MPT). */
  attachments: Record<number, number>;
  /** A published form holding `formField`, a hidden Form-scope parameter (MPT). */
  form: number;
  formField: number;
  /** One draft answer to `form` in each seeded case's chat, by case number (MPT). */
  answers: Record<number, number>;
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
  /**
   * Where the text a body sends is read back once stored (a GET url; for a create, found from its answer);
   * null: the route stores nothing of its body (a search). Every sample with a payload says which.
   */
  readBack?: ((res: LightMyRequestResponse) => string) | null;
}

/** The code of the 404 a route gives when the record it names is not there, for each kind of seeded record. */
export const NOT_FOUND: Record<keyof SeededIds, string> = {
  case: "case_not_found",
  clientCase: "case_not_found",
  entry: "entry_not_found",
  clientEntry: "entry_not_found",
  contact: "contact_not_found",
  queue: "queue_not_found",
  user: "user_not_found",
  account: "account_not_found",
  field: "field_not_found",
  parameterGroup: "field_group_not_found",
  groupParameter: "field_not_found",
  key: "key_not_found",
  webhook: "webhook_not_found",
  delivery: "delivery_not_found",
  participants: "participant_not_found",
  links: "link_not_found",
  attachments: "attachment_not_found",
  form: "form_not_found",
  formField: "field_not_found",
  answers: "answer_not_found",
};

/**
 * Of the codes a case expects, the one the response claims, or else the first: the dialect's assertion then
 * compares the body with an expected code, and fails naming it when the response gave another.
 */
const expectedOf = (codes: string | readonly string[], claimed: unknown): string => {
  const expected = typeof codes === "string" ? [codes] : codes;
  return expected.find((code) => code === claimed) ?? expected[0]!;
};

export interface Dialect {
  name: string;
  /** Every route under this prefix belongs to the dialect and must have a sample. */
  prefix: string;
  /** Routes under the prefix that have no sample yet, each listed by name so the gap stays visible. */
  unsampled?: readonly string[];
  /** Each way the dialect accepts `key`, as request headers. */
  credentials(key: string): Record<string, string>[];
  /** Credentials built from a valid `key` that the dialect must refuse (401). */
  badCredentials(key: string): Record<string, string>[];
  /** Asserts an error response in the dialect's documented shape, with this status and the (one of the) expected code(s). */
  assertError(res: LightMyRequestResponse, status: number, code: string | readonly string[]): void;
  /** One valid request per route, keyed `METHOD path` exactly as the route is registered. */
  routes(ids: SeededIds): Record<string, RouteSample>;
}

const v1 = "/api/v1";

/** A create's record, read back where its Location header points. */
const located = (res: LightMyRequestResponse) => String(res.headers.location);
/** A change read back at the url it was sent to. */
const there = (url: string) => () => url;

export const native: Dialect = {
  name: "native",
  prefix: v1,
  // The event stream never ends, so a request to it cannot be judged by its answer; its credentials,
  // scope and workspace are proven in src/http/native/routes/events.test.ts.
  unsampled: [`GET ${v1}/events`],
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
  assertError(res, status, code) {
    assertProblem(res, status, expectedOf(code, (res.json() as { code?: unknown }).code));
    if (status === 401) assert.match(String(res.headers["www-authenticate"]), /^Bearer/);
  },
  routes: (ids) => ({
    [`GET ${v1}/openapi.json`]: { url: `${v1}/openapi.json`, scope: "public" },
    [`GET ${v1}/me`]: { url: `${v1}/me`, scope: null },
    [`GET ${v1}/cases/counts`]: { url: `${v1}/cases/counts`, scope: "cases:read" },
    [`PUT ${v1}/users/:id/password`]: {
      url: `${v1}/users/${ids.user}/password`,
      payload: { password: "a long matrix passphrase" },
      names: "user",
      scope: "admin",
      // A password is never read back; signing in with it is tested in src/http/console.
      readBack: null,
    },
    [`GET ${v1}/webhooks`]: { url: `${v1}/webhooks`, scope: "admin" },
    [`POST ${v1}/webhooks`]: {
      url: `${v1}/webhooks`,
      payload: { url: "https://hooks.example.com/matrix", topics: ["case.created"], description: "Matrix" },
      scope: "admin",
      readBack: located,
    },
    [`GET ${v1}/webhooks/:id`]: { url: `${v1}/webhooks/${ids.webhook}`, names: "webhook", scope: "admin" },
    [`PATCH ${v1}/webhooks/:id`]: {
      url: `${v1}/webhooks/${ids.webhook}`,
      payload: { description: "Changed by the matrix" },
      names: "webhook",
      scope: "admin",
      readBack: there(`${v1}/webhooks/${ids.webhook}`),
    },
    [`DELETE ${v1}/webhooks/:id`]: { url: `${v1}/webhooks/${ids.webhook}`, names: "webhook", scope: "admin" },
    [`POST ${v1}/webhooks/:id/rotate-secret`]: {
      url: `${v1}/webhooks/${ids.webhook}/rotate-secret`,
      payload: { overlapSeconds: 60 },
      names: "webhook",
      scope: "admin",
      readBack: null,
    },
    [`GET ${v1}/webhooks/:id/deliveries`]: {
      url: `${v1}/webhooks/${ids.webhook}/deliveries`,
      names: "webhook",
      scope: "admin",
    },
    [`GET ${v1}/webhooks/:id/attempts`]: {
      url: `${v1}/webhooks/${ids.webhook}/attempts`,
      names: "webhook",
      scope: "admin",
    },
    [`POST ${v1}/webhooks/:id/deliveries/:deliveryId/redeliver`]: {
      url: `${v1}/webhooks/${ids.webhook}/deliveries/${ids.delivery}/redeliver`,
      names: "webhook",
      scope: "admin",
    },
    [`GET ${v1}/cases`]: { url: `${v1}/cases`, scope: "cases:read" },
    [`POST ${v1}/cases`]: {
      url: `${v1}/cases`,
      payload: { title: "From the matrix" },
      scope: "cases:write",
      readBack: located,
    },
    [`GET ${v1}/cases/:id`]: { url: `${v1}/cases/${ids.case}`, names: "case", scope: "cases:read" },
    [`PATCH ${v1}/cases/:id`]: {
      url: `${v1}/cases/${ids.case}`,
      names: "case",
      payload: { title: "Changed by the matrix" },
      scope: "cases:write",
      readBack: there(`${v1}/cases/${ids.case}`),
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
      // One page holds every entry the suites add to the seeded case.
      readBack: there(`${v1}/cases/${ids.case}/timeline?limit=500`),
    },
    [`PATCH ${v1}/cases/:id/timeline/:entryId`]: {
      url: `${v1}/cases/${ids.case}/timeline/${ids.entry}`,
      names: "case",
      payload: { body: "Edited by the matrix" },
      scope: "cases:write",
      readBack: there(`${v1}/cases/${ids.case}/timeline?limit=500`),
    },
    [`GET ${v1}/cases/:id/history`]: {
      url: `${v1}/cases/${ids.case}/history`,
      names: "case",
      scope: "cases:read",
      operationsOnly: true,
    },
    [`GET ${v1}/cases/:id/attachments`]: {
      url: `${v1}/cases/${ids.case}/attachments`,
      names: "case",
      scope: "cases:read",
    },
    [`GET ${v1}/cases/:id/attachments/:attachmentId/content`]: {
      url: `${v1}/cases/${ids.case}/attachments/${ids.attachments[ids.case]}/content`,
      names: "case",
      scope: "cases:read",
    },
    [`GET ${v1}/contacts`]: { url: `${v1}/contacts`, scope: "cases:read" },
    [`POST ${v1}/contacts`]: {
      url: `${v1}/contacts`,
      payload: { name: "Matrix" },
      scope: "cases:write",
      readBack: located,
    },
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
      readBack: there(`${v1}/contacts/${ids.contact}`),
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
      // Keys are listed, not read one by one.
      readBack: there(`${v1}/keys`),
    },
    [`DELETE ${v1}/keys/:id`]: { url: `${v1}/keys/${ids.key}`, names: "key", scope: "admin" },
    [`GET ${v1}/oauth-clients`]: { url: `${v1}/oauth-clients`, scope: "admin" },
    [`POST ${v1}/oauth-clients`]: {
      url: `${v1}/oauth-clients`,
      payload: { name: "matrix", scopes: ["cases-public:read"] },
      scope: "admin",
      readBack: there(`${v1}/oauth-clients`),
    },
    // No client is seeded: another workspace's id and a missing one answer alike (404).
    [`DELETE ${v1}/oauth-clients/:id`]: { url: `${v1}/oauth-clients/999999`, names: "key", scope: "admin" },
    [`GET ${v1}/workspace`]: { url: `${v1}/workspace`, scope: "cases:read" },
    [`PATCH ${v1}/workspace`]: {
      url: `${v1}/workspace`,
      payload: { resolutionRequired: false },
      scope: "admin",
      readBack: there(`${v1}/workspace`),
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
    [`POST ${path}`]: { url: path, payload: create, scope: "admin", readBack: located },
    [`GET ${path}/:id`]: { url: `${path}/${ids[names]}`, names, scope: "cases:read" },
    [`PATCH ${path}/:id`]: {
      url: `${path}/${ids[names]}`,
      payload: patch,
      names,
      scope: "admin",
      readBack: there(`${path}/${ids[names]}`),
    },
  } satisfies Record<string, RouteSample>;
}

const kh = "/khoros";

/** A Khoros create's record, read back by the id its answer carries. */
const khorosRecord = (path: string) => (res: LightMyRequestResponse) =>
  `${kh}/${path}/${(res.json() as { id: string }).id}`;

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
  assertError(res, status, code) {
    assertKhorosError(res, status, expectedOf(code, (res.json() as { error?: unknown }).error));
  },
  routes: (ids) => ({
    [`POST ${kh}/case`]: {
      url: `${kh}/case`,
      payload: { customerId: String(ids.contact), title: "From the matrix" },
      scope: "cases:write",
      readBack: khorosRecord("case"),
    },
    [`GET ${kh}/case/:id`]: { url: `${kh}/case/${ids.case}`, names: "case", scope: "cases:read" },
    [`PATCH ${kh}/case/:id`]: {
      url: `${kh}/case/${ids.case}`,
      payload: { title: "Changed by the matrix" },
      names: "case",
      scope: "cases:write",
      readBack: there(`${kh}/case/${ids.case}`),
    },
    [`GET ${kh}/customer/:id/cases`]: {
      url: `${kh}/customer/${ids.contact}/cases`,
      names: "contact",
      scope: "cases:read",
    },
    [`POST ${kh}/customers`]: {
      url: `${kh}/customers`,
      payload: { name: "Requester" },
      scope: "cases:read",
      readBack: null,
    },
    [`POST ${kh}/customer/bestmatch`]: {
      url: `${kh}/customer/bestmatch`,
      payload: { email: "requester@example.com" },
      scope: "cases:read",
      readBack: null,
    },
    [`POST ${kh}/customer`]: {
      url: `${kh}/customer`,
      payload: { name: "Matrix" },
      scope: "cases:write",
      readBack: khorosRecord("customer"),
    },
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
      readBack: there(`${kh}/customer/${ids.contact}`),
    },
    [`GET ${kh}/meta/object/:type`]: { url: `${kh}/meta/object/case`, scope: "cases:read" },
  }),
};

const pv = "/public/v1";

/** The MPT routes below one mount point (the dialect serves the same ones under a doubled prefix). */
function mptRoutes(base: string, ids: SeededIds): Record<string, RouteSample> {
  const h = `${base}/helpdesk`;
  const cas = formatId("case", ids.case);
  const chat = formatId("chat", ids.case);
  const queue = formatId("queue", ids.queue);
  const message = `${h}/chats/${chat}/messages/${formatId("message", ids.entry)}`;
  const participants = `${h}/chats/${chat}/participants`;
  const participant = `${participants}/${formatId("participant", ids.participants[ids.case]!)}`;
  const links = `${h}/chats/${chat}/links`;
  const link = `${links}/${formatId("link", ids.links[ids.case]!)}`;
  const attachments = `${h}/chats/${chat}/attachments`;
  const attachment = `${attachments}/${formatId("attachment", ids.attachments[ids.case]!)}`;
  const forms = `${h}/forms`;
  const form = `${forms}/${formatId("form", ids.form)}`;
  const answers = `${h}/chats/${chat}/answers`;
  const answer = `${answers}/${formatId("answer", ids.answers[ids.case]!)}`;
  const formAction = (name: string): RouteSample => ({
    url: `${form}/${name}`,
    names: "form",
    scope: "admin",
  });
  const answerAction = (name: string): RouteSample => ({
    url: `${answer}/${name}`,
    names: "case",
    scope: "cases:write",
  });
  const contacts = `${base}/notifications/contacts`;
  const contact = `${contacts}/${formatId("contact", ids.contact)}`;
  const parameter = `${h}/parameters/${formatId("parameter", ids.field)}`;
  const groups = `${h}/parameter-groups`;
  const group = `${groups}/${formatId("parameterGroup", ids.parameterGroup)}`;
  const member = `${group}/parameters/${formatId("parameter", ids.groupParameter)}`;
  const contactAction = (name: string): RouteSample => ({
    url: `${contact}/${name}`,
    names: "contact",
    scope: "cases:write",
  });
  const action = (name: string): RouteSample => ({
    url: `${h}/cases/${cas}/${name}`,
    names: "case",
    scope: "cases:write",
  });
  const queueAction = (name: string): RouteSample => ({
    url: `${h}/queues/${queue}/${name}`,
    names: "queue",
    scope: "admin",
  });
  // The chat comes first: it is the case read that shows the case's words (the case object has no title).
  return {
    [`GET ${h}/chats/:id`]: { url: `${h}/chats/${chat}`, names: "case", scope: "cases:read" },
    [`GET ${h}/cases`]: {
      url: `${h}/cases?eq(status,Processing)&order=-audit.created.at`,
      scope: "cases:read",
    },
    [`POST ${h}/cases`]: {
      url: `${h}/cases`,
      payload: { queue: { id: queue }, chat: { lastMessage: { content: "From the matrix" } } },
      scope: "cases:write",
      readBack: (res) => `${h}/chats/${(res.json() as { chat: { id: string } }).chat.id}/messages`,
    },
    [`GET ${h}/cases/:id`]: { url: `${h}/cases/${cas}`, names: "case", scope: "cases:read" },
    [`PUT ${h}/cases/:id`]: {
      url: `${h}/cases/${cas}`,
      payload: { queryPrompt: "Changed by the matrix" },
      names: "case",
      scope: "cases:write",
      readBack: there(`${h}/cases/${cas}`),
    },
    // Actions usually come without a body (an empty one is no body), so their samples send none.
    [`POST ${h}/cases/:id/query`]: action("query"),
    [`POST ${h}/cases/:id/process`]: action("process"),
    [`POST ${h}/cases/:id/complete`]: action("complete"),
    [`GET ${h}/chats`]: { url: `${h}/chats?limit=5`, scope: "cases:read" },
    [`PUT ${h}/chats/:id`]: {
      url: `${h}/chats/${chat}`,
      payload: { name: "Renamed by the matrix" },
      names: "case",
      scope: "cases:write",
      readBack: there(`${h}/chats/${chat}`),
    },
    [`GET ${h}/chats/:id/messages`]: {
      url: `${h}/chats/${chat}/messages`,
      names: "case",
      scope: "cases:read",
    },
    [`POST ${h}/chats/:id/messages`]: {
      url: `${h}/chats/${chat}/messages`,
      payload: { content: "From the matrix" },
      names: "case",
      scope: "cases:write",
      // The message itself: the chat's list pages oldest first, so after many posts a new one is further on.
      readBack: (res) => `${h}/chats/${chat}/messages/${(res.json() as { id: string }).id}`,
    },
    [`GET ${h}/chats/:id/messages/:messageId`]: { url: message, names: "case", scope: "cases:read" },
    [`PUT ${h}/chats/:id/messages/:messageId`]: {
      url: message,
      payload: { content: "Edited by the matrix" },
      names: "case",
      scope: "cases:write",
      readBack: there(`${h}/chats/${chat}/messages`),
    },
    [`DELETE ${h}/chats/:id/messages/:messageId`]: { url: message, names: "case", scope: "cases:write" },
    [`GET ${h}/queues`]: { url: `${h}/queues?order=name`, scope: "cases:read" },
    [`POST ${h}/queues`]: {
      url: `${h}/queues`,
      payload: { name: "From the matrix" },
      scope: "admin",
      readBack: (res) => `${h}/queues/${(res.json() as { id: string }).id}`,
    },
    [`GET ${h}/queues/:id`]: { url: `${h}/queues/${queue}`, names: "queue", scope: "cases:read" },
    [`PUT ${h}/queues/:id`]: {
      url: `${h}/queues/${queue}`,
      payload: { description: "Changed by the matrix" },
      names: "queue",
      scope: "admin",
      readBack: there(`${h}/queues/${queue}`),
    },
    [`DELETE ${h}/queues/:id`]: { url: `${h}/queues/${queue}`, names: "queue", scope: "admin" },
    [`POST ${h}/queues/:id/activate`]: queueAction("activate"),
    [`POST ${h}/queues/:id/disable`]: queueAction("disable"),
    [`GET ${base}/notifications/contacts`]: {
      url: `${contacts}?ilike(email,"*@example.com")&order=-audit.created.at`,
      scope: "cases:read",
    },
    [`POST ${base}/notifications/contacts`]: {
      url: contacts,
      payload: { name: "From the matrix", email: "matrix@example.com" },
      scope: "cases:write",
      readBack: (res) => `${contacts}/${(res.json() as { id: string }).id}`,
    },
    [`GET ${base}/notifications/contacts/:id`]: { url: contact, names: "contact", scope: "cases:read" },
    [`PUT ${base}/notifications/contacts/:id`]: {
      url: contact,
      payload: { name: "Renamed by the matrix" },
      names: "contact",
      scope: "cases:write",
      readBack: there(contact),
    },
    [`DELETE ${base}/notifications/contacts/:id`]: { url: contact, names: "contact", scope: "cases:write" },
    [`POST ${base}/notifications/contacts/:id/block`]: contactAction("block"),
    [`POST ${base}/notifications/contacts/:id/unblock`]: contactAction("unblock"),
    [`GET ${h}/chats/:id/participants`]: { url: participants, names: "case", scope: "cases:read" },
    [`POST ${h}/chats/:id/participants`]: {
      url: participants,
      payload: [{ contact: { id: formatId("contact", ids.contact) } }],
      names: "case",
      scope: "cases:write",
      // A participant holds references, no text of its own.
      readBack: null,
    },
    [`GET ${h}/chats/:id/participants/:participantId`]: {
      url: participant,
      names: "case",
      scope: "cases:read",
    },
    [`PUT ${h}/chats/:id/participants/:participantId`]: {
      url: participant,
      payload: { muted: true },
      names: "case",
      scope: "cases:write",
      readBack: there(participant),
    },
    [`DELETE ${h}/chats/:id/participants/:participantId`]: {
      url: participant,
      names: "case",
      scope: "cases:write",
    },
    [`GET ${h}/chats/:id/links`]: { url: links, names: "case", scope: "cases:read" },
    [`POST ${h}/chats/:id/links`]: {
      url: links,
      payload: { uri: "https://example.com/from-the-matrix", name: "From the matrix" },
      names: "case",
      scope: "cases:write",
      readBack: (res) => `${links}/${(res.json() as { id: string }).id}`,
    },
    [`GET ${h}/chats/:id/links/:linkId`]: { url: link, names: "case", scope: "cases:read" },
    [`PUT ${h}/chats/:id/links/:linkId`]: {
      url: link,
      payload: { name: "Renamed by the matrix" },
      names: "case",
      scope: "cases:write",
      readBack: there(link),
    },
    [`DELETE ${h}/chats/:id/links/:linkId`]: { url: link, names: "case", scope: "cases:write" },
    [`GET ${h}/chats/:id/attachments`]: { url: attachments, names: "case", scope: "cases:read" },
    // Uploads are multipart, which the JSON samples cannot carry: sent without a body, refusals come first
    // (401, 403, 404) and anything else is a 415. Their own tests send files, hostile ones included.
    [`POST ${h}/chats/:id/attachments`]: { url: attachments, names: "case", scope: "cases:write" },
    [`GET ${h}/chats/:id/attachments/:attachmentId`]: { url: attachment, names: "case", scope: "cases:read" },
    [`GET ${h}/chats/:id/attachments/:attachmentId/download`]: {
      url: `${attachment}/download`,
      names: "case",
      scope: "cases:read",
    },
    [`PUT ${h}/chats/:id/attachments/:attachmentId`]: {
      url: attachment,
      payload: { name: "Renamed by the matrix", description: "Described by the matrix" },
      names: "case",
      scope: "cases:write",
      readBack: there(attachment),
    },
    [`DELETE ${h}/chats/:id/attachments/:attachmentId`]: {
      url: attachment,
      names: "case",
      scope: "cases:write",
    },
    [`GET ${h}/forms`]: { url: `${forms}?eq(status,Published)&order=-audit.created.at`, scope: "cases:read" },
    [`POST ${h}/forms`]: {
      url: forms,
      payload: { name: "From the matrix", description: "Described by the matrix" },
      scope: "admin",
      readBack: (res) => `${forms}/${(res.json() as { id: string }).id}`,
    },
    [`GET ${h}/forms/:id`]: { url: form, names: "form", scope: "cases:read" },
    [`PUT ${h}/forms/:id`]: {
      url: form,
      payload: { description: "Changed by the matrix" },
      names: "form",
      scope: "admin",
      readBack: there(form),
    },
    [`DELETE ${h}/forms/:id`]: { url: form, names: "form", scope: "admin" },
    [`POST ${h}/forms/:id/publish`]: formAction("publish"),
    [`POST ${h}/forms/:id/unpublish`]: formAction("unpublish"),
    [`GET ${h}/chats/:id/answers`]: { url: answers, names: "case", scope: "cases:read" },
    [`POST ${h}/chats/:id/answers`]: {
      url: answers,
      payload: { name: "From the matrix", form: { id: formatId("form", ids.form) } },
      names: "case",
      scope: "cases:write",
      readBack: (res) => `${answers}/${(res.json() as { id: string }).id}`,
    },
    [`GET ${h}/chats/:id/answers/:answerId`]: { url: answer, names: "case", scope: "cases:read" },
    [`PUT ${h}/chats/:id/answers/:answerId`]: {
      url: answer,
      payload: { name: "Renamed by the matrix" },
      names: "case",
      scope: "cases:write",
      readBack: there(answer),
    },
    [`DELETE ${h}/chats/:id/answers/:answerId`]: { url: answer, names: "case", scope: "cases:write" },
    [`POST ${h}/chats/:id/answers/:answerId/submit`]: answerAction("submit"),
    [`POST ${h}/chats/:id/answers/:answerId/query`]: answerAction("query"),
    [`POST ${h}/chats/:id/answers/:answerId/accept`]: answerAction("accept"),
    [`POST ${h}/chats/:id/answers/:answerId/validate`]: {
      url: `${answer}/validate`,
      payload: { parameters: [{ id: formatId("parameter", ids.formField), value: "Checked by the matrix" }] },
      names: "case",
      scope: "cases:write",
      // Validating stores nothing.
      readBack: null,
    },
    [`GET ${h}/parameters`]: {
      url: `${h}/parameters?eq(scope,Case)&order=-audit.created.at`,
      scope: "cases:read",
    },
    [`POST ${h}/parameters`]: {
      url: `${h}/parameters`,
      payload: { name: "From the matrix", scope: "Case", type: "SingleLineText" },
      scope: "admin",
      readBack: (res) => `${h}/parameters/${(res.json() as { id: string }).id}`,
    },
    [`GET ${h}/parameters/:id`]: { url: parameter, names: "field", scope: "cases:read" },
    [`PUT ${h}/parameters/:id`]: {
      url: parameter,
      payload: { description: "Changed by the matrix" },
      names: "field",
      scope: "admin",
      readBack: there(parameter),
    },
    [`DELETE ${h}/parameters/:id`]: { url: parameter, names: "field", scope: "admin" },
    [`GET ${groups}`]: { url: `${groups}?ilike(name,"*")&order=-name`, scope: "cases:read" },
    [`POST ${groups}`]: {
      url: groups,
      payload: { name: "From the matrix", label: "Matrix" },
      scope: "admin",
      readBack: (res) => `${groups}/${(res.json() as { id: string }).id}`,
    },
    [`GET ${groups}/:id`]: { url: group, names: "parameterGroup", scope: "cases:read" },
    [`PUT ${groups}/:id`]: {
      url: group,
      payload: { description: "Changed by the matrix" },
      names: "parameterGroup",
      scope: "admin",
      readBack: there(group),
    },
    [`DELETE ${groups}/:id`]: { url: group, names: "parameterGroup", scope: "admin" },
    [`GET ${groups}/:id/parameters`]: {
      url: `${group}/parameters`,
      names: "parameterGroup",
      scope: "cases:read",
    },
    [`POST ${groups}/:id/parameters`]: {
      url: `${group}/parameters`,
      payload: { parameter: { id: formatId("parameter", ids.field) }, displayOrder: 1 },
      names: "parameterGroup",
      scope: "admin",
      // A membership holds references and an order, no text of its own.
      readBack: null,
    },
    [`GET ${groups}/:id/parameters/:parameterId`]: {
      url: member,
      names: "parameterGroup",
      scope: "cases:read",
    },
    [`PUT ${groups}/:id/parameters/:parameterId`]: {
      url: member,
      payload: { displayOrder: 2 },
      names: "parameterGroup",
      scope: "admin",
      readBack: null,
    },
    [`DELETE ${groups}/:id/parameters/:parameterId`]: {
      url: member,
      names: "parameterGroup",
      scope: "admin",
    },
  };
}

/** The MPT Helpdesk dialect (docs/dialects/mpt-helpdesk.md): Bearer API keys, RFC 7807 errors. */
export const mpt: Dialect = {
  name: "mpt",
  prefix: pv,
  credentials: (key) => [{ authorization: `Bearer ${key}` }, { authorization: `bearer ${key}` }],
  badCredentials: (key): Record<string, string>[] => [
    { authorization: "Bearer cw_not_a_real_key" },
    { authorization: `Bearer ${key}x` },
    { authorization: key },
    { authorization: `Basic ${Buffer.from(`user:${key}`).toString("base64")}` },
    { authorization: "Bearer" },
    { "x-api-key": key },
  ],
  assertError(res, status, code) {
    const body = assertMptError(res, status);
    const claimed = String(body.type).replace("urn:casework:problem:", "");
    assert.equal(body.type, `urn:casework:problem:${expectedOf(code, claimed)}`, res.body);
    if (status === 401) assert.match(String(res.headers["www-authenticate"]), /^Bearer/);
  },
  routes: (ids) => ({
    [`GET ${pv}/openapi.json`]: { url: `${pv}/openapi.json`, scope: "public" },
    ...mptRoutes(pv, ids),
    ...mptRoutes(`${pv}${pv}`, ids),
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
  // The contact look-up answers a case found through a contact: its 404 for a client user names neither a
  // case nor a contact of the seed, which the matrix cannot yet express. Its route tests cover it, and the
  // object access matrix (reliability/object-access.test.ts) proves who may look up which contact.
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
  assertError(res, status, code) {
    assertTalkdeskError(res, status, expectedOf(code, (res.json() as { code?: unknown }).code));
    if (status === 401) assert.match(String(res.headers["www-authenticate"]), /^Bearer/);
  },
  routes: (ids) => ({
    [`GET ${td}/openapi.json`]: { url: `${td}/openapi.json`, scope: "public" },
    [`POST ${td}/core/va/cases`]: {
      url: `${td}/core/va/cases`,
      payload: { title: "From the matrix", description: "Sent by the matrix" },
      scope: "cases:write",
      readBack: (res) => `${td}/core/va/cases/${(res.json() as { id: string }).id}`,
    },
    [`GET ${td}/core/va/cases`]: {
      url: `${td}/core/va/cases?status=NEW,OPEN&per_page=5`,
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
      readBack: there(`${td}/core/va/cases/${ids.case}`),
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
      readBack: there(`${td}/core/va/cases/${ids.case}`),
    },
    [`GET ${td}/meta/va/fields`]: { url: `${td}/meta/va/fields`, scope: "cases:read" },
    [`GET ${td}/core/va/cases/info`]: {
      url: `${td}/core/va/cases/info?id=${ids.contact}&status=ALL`,
      // It names the seeded case through its requester; a contact not there or not seen has no case here.
      names: "case",
      scope: "cases:read",
    },
  }),
};

export const DIALECTS: Dialect[] = [native, khoros, talkdesk, mpt];
