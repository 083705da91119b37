/**
 * The object access table: every object type a caller can name, who may see each of its seeded records (the
 * access policy written out by hand, so a rule dropped from the policy fails the matrix), which of its
 * operations are for operations users only, and every route of every dialect that lists, reads or writes it.
 */
import { ACCOUNT_TYPES, type AccountType } from "../src/domain/access.ts";
import { formatId } from "../src/http/mpt/ids.ts";
import { type Dialect, khoros, mpt, native, talkdesk } from "./dialects.ts";
import { type ObjectFixture, type Owner, type Seeded, SHARED_EMAIL } from "./object-fixture.ts";

export type Operation = "list" | "read" | "write";

export interface ObjectRoute {
  dialect: Dialect;
  operation: Operation;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The route's url for a record (a list of the whole workspace ignores it). */
  url(record: Seeded): string;
  payload?(record: Seeded): unknown;
  /** What a response shows of a record that is there; its marker unless said otherwise. */
  evidence?(record: Seeded): string;
  /** A list of one case's records: a 404 (the case's) when that case is not there for the caller. */
  ofCase?: true;
  /** The 404 codes of a record that is not there, when the route's differ from its object's. */
  notFound?: readonly string[];
}

export interface SeededRecord {
  record: Seeded;
  seenBy: readonly AccountType[];
  /** For records of a case: who sees that case. */
  caseSeenBy?: readonly AccountType[];
}

export interface ObjectType {
  name: string;
  /** The codes of the 404 a record that is not there gets (an entry's may be its case's). */
  notFound: readonly string[];
  records(f: ObjectFixture): SeededRecord[];
  /** Operations client and vendor users are refused (403) whatever the record. */
  operationsOnly: readonly Operation[];
  routes: readonly ObjectRoute[];
}

const everyone: readonly AccountType[] = ACCOUNT_TYPES;
const operations: readonly AccountType[] = ["operations"];
/** An account's records: its own users see them, and operations users; no other account's users do. */
const ofAccount = (owner: Owner): readonly AccountType[] =>
  owner === "client" || owner === "vendor" ? ["operations", owner] : operations;

const owned = (records: Record<Owner, Seeded>): SeededRecord[] =>
  (Object.entries(records) as [Owner, Seeded][]).map(([owner, record]) => ({
    record,
    seenBy: ofAccount(owner),
  }));

const v1 = "/api/v1";
const h = "/public/v1/helpdesk";
const get = (dialect: Dialect, operation: Operation, url: (r: Seeded) => string) =>
  ({ dialect, operation, method: "GET", url }) as const;
const workspaceList = (dialect: Dialect, url: string, evidence?: (r: Seeded) => string): ObjectRoute => ({
  ...get(dialect, "list", () => url),
  ...(evidence ? { evidence } : {}),
});
/** A look-up sent as a POST: a list of what it finds. */
const search = (dialect: Dialect, url: string, payload: unknown): ObjectRoute => ({
  dialect,
  operation: "list",
  method: "POST",
  url: () => url,
  payload: () => payload,
});
/** A write; its body is the same for every record, or made from the record. */
const write = (
  dialect: Dialect,
  method: ObjectRoute["method"],
  url: (r: Seeded) => string,
  body?: object | ((r: Seeded) => unknown),
): ObjectRoute => ({
  dialect,
  operation: "write",
  method,
  url,
  ...(body === undefined
    ? {}
    : { payload: typeof body === "function" ? (body as (r: Seeded) => unknown) : () => body }),
});

/** A native resource's list, read by id and change. */
const nativeResource = (path: string, patch: object | ((r: Seeded) => unknown)): ObjectRoute[] => [
  workspaceList(native, `${v1}/${path}?limit=100`),
  get(native, "read", (r) => `${v1}/${path}/${r.id}`),
  write(native, "PATCH", (r) => `${v1}/${path}/${r.id}`, patch),
];

const chat = (r: Seeded) => formatId("chat", r.caseId ?? r.id);

export const OBJECT_TYPES: readonly ObjectType[] = [
  {
    name: "contact",
    notFound: ["contact_not_found"],
    records: (f) => owned(f.contacts),
    operationsOnly: [],
    routes: [
      workspaceList(native, `${v1}/contacts?limit=100`),
      search(khoros, "/khoros/customers", { email: SHARED_EMAIL }),
      search(khoros, "/khoros/customer/bestmatch", { email: SHARED_EMAIL }),
      get(native, "read", (r) => `${v1}/contacts/${r.id}`),
      get(khoros, "read", (r) => `/khoros/customer/${r.id}`),
      { ...get(khoros, "read", (r) => `/khoros/customer/${r.id}/cases`), evidence: () => "" },
      // The newest case of the contact: each contact requested a case of its own account.
      {
        ...get(talkdesk, "read", (r) => `/cm/core/va/cases/info?id=${r.id}`),
        evidence: () => "",
        notFound: ["case_not_found"],
      },
      write(native, "PATCH", (r) => `${v1}/contacts/${r.id}`, { phone: "+1 555 0100" }),
      write(khoros, "PATCH", (r) => `/khoros/customer/${r.id}`, { phone: "+1 555 0101" }),
    ],
  },
  {
    name: "case",
    notFound: ["case_not_found"],
    records: (f) => owned(f.cases),
    operationsOnly: [],
    routes: [
      workspaceList(native, `${v1}/cases?limit=100`),
      workspaceList(talkdesk, "/cm/core/va/cases?per_page=100"),
      workspaceList(mpt, `${h}/cases?limit=100`, (r) => formatId("case", r.id)),
      workspaceList(mpt, `${h}/chats?limit=100`),
      get(native, "read", (r) => `${v1}/cases/${r.id}`),
      get(khoros, "read", (r) => `/khoros/case/${r.id}`),
      get(talkdesk, "read", (r) => `/cm/core/va/cases/${r.id}`),
      {
        ...get(mpt, "read", (r) => `${h}/cases/${formatId("case", r.id)}`),
        evidence: (r) => formatId("case", r.id),
      },
      get(mpt, "read", (r) => `${h}/chats/${chat(r)}`),
      write(native, "PATCH", (r) => `${v1}/cases/${r.id}`, { description: "Changed by the matrix" }),
      write(khoros, "PATCH", (r) => `/khoros/case/${r.id}`, { description: "Changed in Khoros" }),
      write(talkdesk, "PATCH", (r) => `/cm/core/va/cases/${r.id}`, { description: "In Talkdesk" }),
      write(mpt, "PUT", (r) => `${h}/cases/${formatId("case", r.id)}`, { queryPrompt: "From MPT" }),
    ],
  },
  {
    name: "case history",
    notFound: ["case_not_found"],
    records: (f) => owned(f.cases),
    operationsOnly: ["read"],
    routes: [get(native, "read", (r) => `${v1}/cases/${r.id}/history`)],
  },
  {
    name: "timeline entry",
    notFound: ["entry_not_found", "case_not_found"],
    records: (f) =>
      (Object.entries(f.entries) as [Owner, ObjectFixture["entries"][Owner]][]).flatMap(
        ([owner, entries]) => [
          { record: entries.public, seenBy: ofAccount(owner), caseSeenBy: ofAccount(owner) },
          { record: entries.internal, seenBy: operations, caseSeenBy: ofAccount(owner) },
        ],
      ),
    operationsOnly: [],
    routes: [
      { ...get(native, "list", (r) => `${v1}/cases/${r.caseId}/timeline?limit=500`), ofCase: true },
      { ...get(mpt, "list", (r) => `${h}/chats/${chat(r)}/messages`), ofCase: true },
      write(
        native,
        "PATCH",
        (r) => `${v1}/cases/${r.caseId}/timeline/${r.id}`,
        (r) => ({
          body: `${r.marker} edited`,
        }),
      ),
      write(
        talkdesk,
        "PATCH",
        (r) => `/cm/core/va/notes/${r.id}`,
        (r) => ({ note_body: `${r.marker} too` }),
      ),
      write(
        mpt,
        "PUT",
        (r) => `${h}/chats/${chat(r)}/messages/${formatId("message", r.id)}`,
        (r) => ({
          content: `${r.marker} in MPT`,
        }),
      ),
    ],
  },
  {
    name: "user",
    notFound: ["user_not_found"],
    records: (f) => owned(f.users),
    operationsOnly: ["write"],
    routes: nativeResource("users", { active: true }),
  },
  {
    name: "account",
    notFound: ["account_not_found"],
    records: (f) => owned(f.accounts),
    operationsOnly: ["write"],
    routes: nativeResource("accounts", (r) => ({ name: r.marker })),
  },
  {
    name: "queue",
    notFound: ["queue_not_found"],
    records: (f) => [
      { record: f.queues.public, seenBy: everyone },
      { record: f.queues.operationsInternal, seenBy: operations },
      { record: f.queues.clientInternal, seenBy: ["operations", "client"] },
      { record: f.queues.vendorInternal, seenBy: ["operations", "vendor"] },
    ],
    operationsOnly: ["write"],
    routes: [
      ...nativeResource("queues", { description: "Changed" }),
      workspaceList(mpt, `${h}/queues?limit=100`),
      get(mpt, "read", (r) => `${h}/queues/${formatId("queue", r.id)}`),
      write(mpt, "PUT", (r) => `${h}/queues/${formatId("queue", r.id)}`, { description: "In MPT" }),
      write(mpt, "POST", (r) => `${h}/queues/${formatId("queue", r.id)}/activate`),
    ],
  },
  {
    name: "custom field",
    notFound: ["field_not_found"],
    records: (f) => [
      { record: f.fields.shown, seenBy: everyone },
      { record: f.fields.hidden, seenBy: operations },
      { record: f.fields.keptFromReporters, seenBy: operations },
    ],
    operationsOnly: ["write"],
    routes: [
      ...nativeResource("fields", { description: "Changed" }),
      workspaceList(talkdesk, "/cm/meta/va/fields"),
      workspaceList(khoros, "/khoros/meta/object/case"),
      workspaceList(mpt, `${h}/parameters?limit=100`),
      get(mpt, "read", (r) => `${h}/parameters/${formatId("parameter", r.id)}`),
      write(mpt, "PUT", (r) => `${h}/parameters/${formatId("parameter", r.id)}`, { description: "In MPT" }),
    ],
  },
  {
    name: "form",
    notFound: ["form_not_found"],
    records: (f) => [
      { record: f.forms.published, seenBy: everyone },
      { record: f.forms.draft, seenBy: operations },
      { record: f.forms.unpublished, seenBy: operations },
    ],
    operationsOnly: ["write"],
    routes: [
      workspaceList(mpt, `${h}/forms?limit=100`),
      get(mpt, "read", (r) => `${h}/forms/${formatId("form", r.id)}`),
      write(mpt, "PUT", (r) => `${h}/forms/${formatId("form", r.id)}`, { description: "In MPT" }),
    ],
  },
  {
    name: "answer",
    notFound: ["answer_not_found", "case_not_found"],
    records: (f) =>
      (Object.entries(f.answers) as [Owner, Seeded][]).map(([owner, record]) => ({
        record,
        seenBy: ofAccount(owner),
        caseSeenBy: ofAccount(owner),
      })),
    operationsOnly: [],
    routes: [
      { ...get(mpt, "list", (r) => `${h}/chats/${chat(r)}/answers`), ofCase: true },
      get(mpt, "read", (r) => `${h}/chats/${chat(r)}/answers/${formatId("answer", r.id)}`),
      write(
        mpt,
        "PUT",
        (r) => `${h}/chats/${chat(r)}/answers/${formatId("answer", r.id)}`,
        (r) => ({ name: `${r.marker} in MPT` }),
      ),
    ],
  },
  {
    name: "API key",
    notFound: ["key_not_found"],
    records: (f) => [{ record: f.key, seenBy: operations }],
    operationsOnly: ["list", "write"],
    routes: [
      workspaceList(native, `${v1}/keys?limit=100`),
      write(native, "DELETE", (r) => `${v1}/keys/${r.id}`),
    ],
  },
  {
    name: "OAuth client",
    notFound: ["key_not_found"],
    records: (f) => [{ record: f.oauthClient, seenBy: operations }],
    operationsOnly: ["list", "write"],
    routes: [
      workspaceList(native, `${v1}/oauth-clients?limit=100`),
      write(native, "DELETE", (r) => `${v1}/oauth-clients/${r.id}`),
    ],
  },
  {
    name: "webhook",
    notFound: ["webhook_not_found"],
    records: (f) => [{ record: f.webhook, seenBy: operations }],
    operationsOnly: ["list", "read", "write"],
    routes: nativeResource("webhooks", (r) => ({ description: r.marker })),
  },
];
