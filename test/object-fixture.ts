/**
 * A workspace seeded for the object access matrix: an account of every type (and a second client account), a
 * user with an admin key in each, and of every object type one record per owner, each named by a marker word
 * that a response shows exactly when the record is there for the caller.
 */
import assert from "node:assert/strict";
import type { AccountType } from "../src/domain/access.ts";
import { formatId, mptNumber } from "../src/http/mpt/ids.ts";
import { buildTestApp, type TestApp } from "./setup.ts";

/** The accounts records belong to: one of each account type, and another client account. */
export const OWNERS = ["operations", "client", "vendor", "otherClient"] as const;
export type Owner = (typeof OWNERS)[number];

/** A seeded record: its id (a case's number for cases), the case it is on, and the word that shows it. */
export interface Seeded {
  id: number;
  marker: string;
  /** For a timeline entry or a case's history: the case it belongs to. */
  caseId?: number;
}

export interface ObjectFixture {
  t: TestApp;
  /** An admin key of a user in an account of each type: the strongest credential each may hold. */
  keys: Record<AccountType, string>;
  contacts: Record<Owner, Seeded>;
  cases: Record<Owner, Seeded>;
  users: Record<Owner, Seeded>;
  accounts: Record<Owner, Seeded>;
  /** A public entry (written by the case's own account) and an internal one, on each owner's case. */
  entries: Record<Owner, { public: Seeded; internal: Seeded }>;
  queues: { public: Seeded; operationsInternal: Seeded; clientInternal: Seeded; vendorInternal: Seeded };
  fields: { shown: Seeded; hidden: Seeded; keptFromReporters: Seeded };
  key: Seeded;
  oauthClient: Seeded;
  webhook: Seeded;
  /** MPT forms in each status: only the published one is there for client and vendor users. */
  forms: { published: Seeded; draft: Seeded; unpublished: Seeded };
  /** One MPT answer (to the published form) in each owner's case. */
  answers: Record<Owner, Seeded>;
}

/** A marker word: letters only, so no marker is part of another and no dialect escapes it. */
const marker = (...parts: string[]) => `zz${parts.join("").toLowerCase()}zz`;

/** The email every seeded contact shares, so one look-up by email lists them all. */
export const SHARED_EMAIL = "matrix@example.com";

export async function objectFixture(): Promise<ObjectFixture> {
  const t = await buildTestApp();
  const call = async (method: string, url: string, payload?: unknown, key = t.key) => {
    const res = await t.request({ method: method as "POST", url, ...(payload ? { payload } : {}), key });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
    return res.json() as Record<string, string> & { id: string };
  };
  const seeded = (body: { id: string | number }, words: string, caseId?: number): Seeded => ({
    id: Number(body.id),
    marker: words,
    ...(caseId === undefined ? {} : { caseId }),
  });
  const byOwner = async <T>(make: (owner: Owner) => Promise<T>) => {
    const made = {} as Record<Owner, T>;
    for (const owner of OWNERS) made[owner] = await make(owner);
    return made;
  };

  const me = await call("GET", "/api/v1/me");
  const accountIds = await byOwner(async (owner) => {
    if (owner === "operations") return Number(me.accountId);
    const type = owner === "vendor" ? "vendor" : "client";
    return Number((await call("POST", "/api/v1/accounts", { name: owner, type })).id);
  });
  // Each account carries its marker in its name (the operations account keeps the name it was created with).
  const accounts = await byOwner(async (owner) => {
    const words = marker("account", owner);
    return seeded(await call("PATCH", `/api/v1/accounts/${accountIds[owner]}`, { name: words }), words);
  });
  const users = await byOwner(async (owner) => {
    const words = marker("user", owner);
    const body = { accountId: accountIds[owner], email: `${owner}@example.com`, name: words };
    return seeded(await call("POST", "/api/v1/users", body), words);
  });
  const adminKeyOf = async (owner: Owner) =>
    (await call("POST", "/api/v1/keys", { name: owner, scopes: ["admin"], userId: users[owner].id })).key!;
  const keys: Record<AccountType, string> = {
    operations: t.key,
    client: await adminKeyOf("client"),
    vendor: await adminKeyOf("vendor"),
  };
  /** The key that writes as a user of the owner's account (the other client has none of its own). */
  const keyOf = (owner: Owner) => (owner === "otherClient" ? t.key : keys[owner]);

  const contacts = await byOwner(async (owner) => {
    const words = marker("contact", owner);
    const body = { name: words, email: SHARED_EMAIL, accountId: accountIds[owner] };
    return seeded(await call("POST", "/api/v1/contacts", body), words);
  });
  const cases = await byOwner(async (owner) => {
    const words = marker("case", owner);
    const body = { title: words, accountId: accountIds[owner], requesterId: contacts[owner].id };
    return seeded(await call("POST", "/api/v1/cases", body), words);
  });
  // Another account's contacts requested cases of the client's account too: a look-up of the client's cases
  // by contact still finds only its own contacts.
  for (const owner of OWNERS)
    if (owner !== "client")
      await call("POST", "/api/v1/cases", {
        title: "Requested across accounts",
        accountId: accountIds.client,
        requesterId: contacts[owner].id,
      });
  const entries = await byOwner(async (owner) => {
    const url = `/api/v1/cases/${cases[owner].id}/timeline`;
    const note = async (visibility: "public" | "internal", key: string) => {
      const words = marker("entry", visibility, owner);
      const body = (await call("POST", url, { kind: "note", visibility, body: words }, key)) as unknown as {
        data: { id: string }[];
      };
      return seeded(body.data[0]!, words, cases[owner].id);
    };
    return { public: await note("public", keyOf(owner)), internal: await note("internal", t.key) };
  });

  const queue = async (name: string, internal: boolean, owner: Owner | null) => {
    const words = marker("queue", name);
    const body = { name: words, internal, ...(owner ? { ownerAccountId: accountIds[owner] } : {}) };
    return seeded(await call("POST", "/api/v1/queues", body), words);
  };
  const field = async (key: string, flags: { hidden?: boolean; visibleToReporter?: boolean }) => {
    const words = marker("field", key);
    return seeded(
      await call("POST", "/api/v1/fields", { object: "case", key, label: words, type: "text", ...flags }),
      words,
    );
  };
  const mptForm = async (status: "published" | "draft" | "unpublished") => {
    const words = marker("form", status);
    const body = await call("POST", "/public/v1/helpdesk/forms", { name: words });
    const url = `/public/v1/helpdesk/forms/${body.id}`;
    if (status !== "draft") await call("POST", `${url}/publish`);
    if (status === "unpublished") await call("POST", `${url}/unpublish`);
    return seeded({ id: mptNumber("form", body.id)! }, words);
  };
  const forms = {
    published: await mptForm("published"),
    draft: await mptForm("draft"),
    unpublished: await mptForm("unpublished"),
  };
  const answers = await byOwner(async (owner) => {
    const words = marker("answer", owner);
    const chat = formatId("chat", cases[owner].id);
    const body = await call("POST", `/public/v1/helpdesk/chats/${chat}/answers`, {
      name: words,
      form: { id: formatId("form", forms.published.id) },
    });
    return seeded({ id: mptNumber("answer", body.id)! }, words, cases[owner].id);
  });
  const keyMarker = marker("key", "target");
  const clientMarker = marker("oauthclient");
  const webhookMarker = marker("webhook");
  return {
    t,
    keys,
    contacts,
    cases,
    users,
    accounts,
    entries,
    queues: {
      public: await queue("public", false, null),
      operationsInternal: await queue("operationsinternal", true, null),
      clientInternal: await queue("clientinternal", true, "client"),
      vendorInternal: await queue("vendorinternal", true, "vendor"),
    },
    fields: {
      shown: await field("shown", {}),
      hidden: await field("hidden", { hidden: true }),
      keptFromReporters: await field("kept", { visibleToReporter: false }),
    },
    key: seeded(await call("POST", "/api/v1/keys", { name: keyMarker, scopes: ["cases:read"] }), keyMarker),
    oauthClient: seeded(
      await call("POST", "/api/v1/oauth-clients", { name: clientMarker, scopes: ["cases-public:read"] }),
      clientMarker,
    ),
    webhook: seeded(
      await call("POST", "/api/v1/webhooks", {
        url: "https://hooks.example.com/casework",
        topics: ["case.created"],
        description: webhookMarker,
      }),
      webhookMarker,
    ),
    forms,
    answers,
  };
}
