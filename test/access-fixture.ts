/**
 * A workspace seeded for access tests: keys of every kind, an operations case with an internal note and a
 * hidden field, a client user with a case of its own, and a second workspace. Marker words planted in what
 * a caller must not see let a test scan any response for a leak.
 */
import assert from "node:assert/strict";
import { formatId, mptNumber } from "../src/http/mpt/ids.ts";
import { fanOut } from "../src/ops/webhooks/fan-out.ts";
import { createWorkspace } from "../src/ops/workspaces.ts";
import type { SeededIds } from "./dialects.ts";
import { form } from "./mpt.ts";
import { buildTestApp, type TestApp } from "./setup.ts";

export const MARKERS = {
  /** In the seeded workspace's own cases: never in a response to another workspace. */
  ours: "zzourworkspacezz",
  /** In the other workspace's records: never in a response to the seeded workspace. */
  theirs: "zztheirworkspacezz",
  /** In internal notes, hidden custom fields and internal queues: never shown to client users. */
  hidden: "zzoperationsonlyzz",
};

export interface AccessFixture {
  t: TestApp;
  ids: SeededIds;
  keys: {
    admin: string;
    /** cases:read only. */
    reader: string;
    /** cases:write only. */
    writer: string;
    /** cases:read and cases:write, no admin. */
    readWrite: string;
    /** An admin key past its expiry. */
    expired: string;
    /** cases:read and cases:write of a user in a client account. */
    client: string;
    /** The admin key of another workspace. */
    other: string;
  };
}

export async function accessFixture(): Promise<AccessFixture> {
  const t = await buildTestApp();
  const call = async (method: string, url: string, payload?: unknown, key = t.key) => {
    const res = await t.request({ method: method as "POST", url, ...(payload ? { payload } : {}), key });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
    return res.json() as Record<string, string> & { timeline?: { id: string }[] };
  };
  const key = async (scopes: string[], extra: Record<string, unknown> = {}) =>
    (await call("POST", "/api/v1/keys", { name: scopes.join(" "), scopes, ...extra })).key!;

  await call("POST", "/api/v1/fields", {
    object: "case",
    key: "secret",
    label: "Secret",
    type: "text",
    hidden: true,
  });
  await call("POST", "/api/v1/queues", { name: `Internal ${MARKERS.hidden}`, internal: true });
  const webhook = await call("POST", "/api/v1/webhooks", {
    url: "https://hooks.example.com/casework",
    topics: ["case.created"],
  });
  const account = await call("POST", "/api/v1/accounts", { name: "Client Co", type: "client" });
  const user = await call("POST", "/api/v1/users", {
    accountId: account.id,
    email: "client@example.com",
    name: "C",
  });
  const client = await key(["cases:read", "cases:write"], { userId: user.id });

  // Case numbers count per workspace: ours start past the other workspace's, so its numbers name none of ours.
  for (const filler of ["one", "two", "three"]) await call("POST", "/api/v1/cases", { title: filler });
  const operationsCase = await call("POST", "/api/v1/cases", {
    title: `Operations ${MARKERS.ours}`,
    requester: { email: "requester@example.com", name: `Requester ${MARKERS.ours}` },
    awaiting: true,
    customFields: { secret: MARKERS.hidden },
    timeline: [{ kind: "note", visibility: "internal", body: `Internal ${MARKERS.hidden}` }],
  });
  const clientCase = await call("POST", "/api/v1/cases", { title: `Client ${MARKERS.ours}` }, client);
  await call("PATCH", `/api/v1/cases/${clientCase.id}`, {
    awaiting: true,
    customFields: { secret: MARKERS.hidden },
  });
  await call("POST", `/api/v1/cases/${clientCase.id}/timeline`, {
    kind: "note",
    visibility: "internal",
    body: `Internal ${MARKERS.hidden}`,
  });
  const clientMessage = await call(
    "POST",
    `/api/v1/cases/${clientCase.id}/timeline`,
    { kind: "message", body: "A word with the client" },
    client,
  );
  const field = (await call("GET", "/api/v1/fields")) as unknown as { data: { id: string }[] };
  // A published form holding a hidden field, answered (a draft) in each case's chat (MPT).
  const formField = await call("POST", "/public/v1/helpdesk/parameters", {
    name: "Seeded form field",
    scope: "Form",
    type: "SingleLineText",
    constraints: { hidden: true },
  });
  const seededForm = await call("POST", "/public/v1/helpdesk/forms", {
    name: "Seeded form",
    parameters: [{ id: formField.id }],
  });
  await call("POST", `/public/v1/helpdesk/forms/${seededForm.id}/publish`);
  const answers: Record<number, number> = {};
  // One participant (the reporter, who joins by reporting), one link and one file of each case's chat (MPT).
  const participants: Record<number, number> = {};
  const links: Record<number, number> = {};
  const attachments: Record<number, number> = {};
  for (const number of [Number(operationsCase.id), Number(clientCase.id)]) {
    const chat = `/public/v1/helpdesk/chats/${formatId("chat", number)}`;
    const joined = (await call("GET", `${chat}/participants`)) as unknown as { data: { id: string }[] };
    participants[number] = mptNumber("participant", joined.data[0]!.id)!;
    const link = await call("POST", `${chat}/links`, { uri: "https://example.com/seed", name: "Seed" });
    links[number] = mptNumber("link", link.id!)!;
    const file = form([{ name: "file", body: "Seed file", filename: "seed.txt", type: "text/plain" }]);
    const uploaded = await t.request({ method: "POST", url: `${chat}/attachments`, ...file });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    attachments[number] = mptNumber("attachment", (uploaded.json() as { id: string }).id)!;
    const answer = await call("POST", `${chat}/answers`, { name: "Seed", form: { id: seededForm.id } });
    answers[number] = mptNumber("answer", answer.id!)!;
  }
  const queue = (await call("GET", "/api/v1/queues")) as unknown as { data: { id: string }[] };
  // A parameter group holding a parameter everyone may see (MPT).
  const helpdesk = "/public/v1/helpdesk";
  const shared = await call("POST", `${helpdesk}/parameters`, {
    name: "Shared",
    scope: "Case",
    type: "Checkbox",
  });
  const group = await call("POST", `${helpdesk}/parameter-groups`, { name: "Seeded" });
  await call("POST", `${helpdesk}/parameter-groups/${group.id}/parameters`, { id: shared.id });
  const target = await call("POST", "/api/v1/keys", { name: "target", scopes: ["cases:read"] });
  // The cases' creations are handed to the webhook, as the dispatcher of a running server would. Fan-out
  // answers 0 while another process holds its lock (test files share one PostgreSQL), so it is tried again.
  const deliveriesPath = `/api/v1/webhooks/${webhook.id}/deliveries`;
  type Deliveries = { data: { id: string }[] };
  let deliveries = (await call("GET", deliveriesPath)) as unknown as Deliveries;
  for (let tries = 0; deliveries.data.length === 0; tries++) {
    assert.ok(tries < 200, "the fixture's events were never handed out");
    if ((await fanOut({ db: t.db, now: () => t.clock.now })) === 0)
      await new Promise((resolve) => setTimeout(resolve, 50));
    deliveries = (await call("GET", deliveriesPath)) as unknown as Deliveries;
  }

  const other = await createWorkspace(t.db, { slug: "other" });
  const otherKey = other.adminKey.secret;
  await call(
    "POST",
    "/api/v1/cases",
    {
      title: `Theirs ${MARKERS.theirs}`,
      requester: { email: "requester@example.com", name: `Their ${MARKERS.theirs}` },
      timeline: [{ kind: "note", body: `Note ${MARKERS.theirs}` }],
    },
    otherKey,
  );
  await call("POST", "/api/v1/queues", { name: `Queue ${MARKERS.theirs}` }, otherKey);

  const expired = await key(["admin"], { expiresAt: new Date(t.clock.now.getTime() + 60_000).toISOString() });
  t.clock.now = new Date(t.clock.now.getTime() + 120_000);

  return {
    t,
    ids: {
      case: Number(operationsCase.id),
      clientCase: Number(clientCase.id),
      clientEntry: Number((clientMessage as unknown as { data: { id: string }[] }).data[0]!.id),
      entry: Number(operationsCase.timeline![0]!.id),
      contact: Number(operationsCase.requesterId),
      queue: Number(queue.data[0]!.id),
      user: Number(user.id),
      account: Number(account.id),
      field: Number(field.data[0]!.id),
      parameterGroup: mptNumber("parameterGroup", group.id!)!,
      groupParameter: mptNumber("parameter", shared.id!)!,
      key: Number(target.id),
      webhook: Number(webhook.id),
      delivery: Number(deliveries.data[0]!.id),
      participants,
      links,
      attachments,
      form: mptNumber("form", seededForm.id!)!,
      formField: mptNumber("parameter", formField.id!)!,
      answers,
    },
    keys: {
      admin: t.key,
      reader: await key(["cases:read"]),
      writer: await key(["cases:write"]),
      readWrite: await key(["cases:read", "cases:write"]),
      expired,
      client,
      other: otherKey,
    },
  };
}
