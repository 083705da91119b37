/**
 * The load scenarios, declaratively: what one request is over HTTP, and the same operation through the
 * op layer. A dialect adds its scenarios by appending entries here.
 */
import { randomUUID } from "node:crypto";
import type { EntryInput } from "../src/domain/timeline/entry.ts";
import { toEntryInputs as khorosEntries } from "../src/http/khoros/case-input.ts";
import { createAndAnswer, createCase, createCaseOnce } from "../src/ops/cases/create-case.ts";
import { queryVisibleCases } from "../src/ops/cases/query-cases.ts";
import { findCases, getCase } from "../src/ops/cases/read-cases.ts";
import { updateCase } from "../src/ops/cases/update-case.ts";
import type { OpContext } from "../src/ops/context.ts";
import { runCreateOnce } from "../src/ops/idempotent.ts";
import type { Fixture } from "./fixture.ts";
import { TALKDESK_SCENARIOS } from "./talkdesk-scenarios.ts";

export interface Call {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** State kept from one request to its response (autocannon's per-request context). */
export type Slot = Record<string, unknown>;

export interface Scenario {
  name: string;
  /** The status every response must have; anything else counts as an error. */
  status: number;
  request(fx: Fixture, slot: Slot): Call;
  onResponse?(fx: Fixture, slot: Slot, status: number, headers: Record<string, string | string[]>): void;
  /** The same operation without HTTP (the direct-op ceiling). */
  direct(fx: Fixture, ctx: OpContext): Promise<unknown>;
  /** pgbench repeats the captured SQL with a random case number in place of the one the capture used. */
  variesCase?: boolean;
}

const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
let sequence = 0;

const newCase = (fx: Fixture) => {
  const n = ++sequence;
  return {
    title: `Printer ${n} prints blank pages`,
    description: "Since the firmware update the office printer feeds paper but prints nothing.",
    priority: PRIORITIES[n % 4]!,
    customFields: { [fx.fields.product]: "printer", [fx.fields.score]: n % 100, [fx.fields.region]: "emea" },
    timeline: [
      { kind: "message", body: "The printer on floor 3 prints blank pages again." },
      { kind: "note", body: "Checked the toner; it is full. Escalating to hardware." },
    ] satisfies EntryInput[],
  };
};

/** A Khoros conversation: two interactions whose service ids are new every time, so each is a new case. */
const conversation = () => {
  const n = ++sequence;
  const author = {
    service: "twitter",
    serviceId: `u${n}`,
    handle: `@user${n}`,
    name: "A Customer",
    brandOwned: false,
  };
  return ["My printer prints blank pages.", "Still broken after the restart."].map((body, i) => ({
    created: new Date().toISOString(),
    body,
    linkUrl: `https://twitter.example/status/${n}-${i}`,
    serviceId: `${n}-${i}`,
    service: "twitter",
    contentType: "text/plain",
    author,
  }));
};

const randomCase = (fx: Fixture) => {
  fx.lastCase = 1 + Math.floor(Math.random() * fx.seeded);
  return fx.lastCase;
};

const listQuery = {
  filter: { status: ["open" as const] },
  sort: { field: "updatedAt" as const, direction: "desc" as const },
};

export const SCENARIOS: Scenario[] = [
  {
    name: "create",
    status: 201,
    request: (fx) => ({ method: "POST", path: "/api/v1/cases", body: newCase(fx) }),
    direct: (fx, ctx) => createCase(ctx, fx.actor, newCase(fx)),
  },
  {
    // The same create with a new Idempotency-Key on every request: the key is claimed in the batch.
    name: "create-keyed",
    status: 201,
    request: (fx) => ({
      method: "POST",
      path: "/api/v1/cases",
      headers: { "idempotency-key": randomUUID() },
      body: newCase(fx),
    }),
    direct: (fx, ctx) =>
      runCreateOnce(
        ctx,
        fx.actor.workspaceId,
        { key: randomUUID(), requestHash: "bench" },
        async (scoped) => {
          const { answer } = await createAndAnswer(scoped, fx.actor, newCase(fx), {
            answer: async (_, made) => ({ statusCode: 201, headers: {}, body: { number: made.case.number } }),
          });
          return answer;
        },
      ),
  },
  {
    name: "get",
    status: 200,
    request: (fx) => ({ method: "GET", path: `/api/v1/cases/${randomCase(fx)}` }),
    direct: (fx, ctx) => getCase(ctx, fx.actor, randomCase(fx)),
    variesCase: true,
  },
  {
    name: "update",
    status: 200,
    request(fx, slot) {
      const taken = fx.pool.take();
      slot.number = taken.number;
      return {
        method: "PATCH",
        path: `/api/v1/cases/${taken.number}`,
        headers: { "if-match": `"${taken.revision}"` },
        body: { priority: PRIORITIES[taken.revision % 4], title: `Updated at revision ${taken.revision}` },
      };
    },
    onResponse(fx, slot, status, headers) {
      // A stale revision (412) would be an error of the harness; the case leaves the pool then.
      if (status === 200)
        fx.pool.give(slot.number as number, Number(String(headers.etag).replaceAll('"', "")));
    },
    async direct(fx, ctx) {
      const taken = fx.pool.take();
      fx.lastCase = taken.number;
      const updated = await updateCase(ctx, fx.actor, taken.number, {
        changes: { priority: PRIORITIES[taken.revision % 4], title: `Updated at revision ${taken.revision}` },
        expectedRevision: taken.revision,
      });
      fx.pool.give(taken.number, updated.case.revision);
    },
    variesCase: true,
  },
  {
    name: "khoros-create",
    status: 201,
    request: (fx) => ({
      method: "POST",
      path: "/khoros/case",
      body: {
        customerId: String(fx.customerId),
        title: "Printer prints blank pages",
        interactions: conversation(),
      },
    }),
    direct: (fx, ctx) =>
      createCaseOnce(ctx, fx.actor, {
        title: "Printer prints blank pages",
        requesterId: fx.customerId,
        timeline: khorosEntries(conversation()),
      }),
  },
  {
    name: "list",
    status: 200,
    request: () => ({ method: "GET", path: "/api/v1/cases?status=open&sort=-updatedAt&limit=20" }),
    direct: (fx, ctx) => findCases(ctx, fx.actor, { ...listQuery, after: null, limit: 20 }),
  },
  {
    name: "search",
    status: 200,
    request: (fx) => ({ method: "GET", path: `/api/v1/cases?q=${fx.searchWord}&limit=20` }),
    direct: (fx, ctx) =>
      findCases(ctx, fx.actor, {
        filter: { q: fx.searchWord },
        sort: { field: "number", direction: "desc" },
        after: null,
        limit: 20,
      }),
  },
  {
    name: "mpt-create",
    status: 201,
    request: () => ({
      method: "POST",
      path: "/public/v1/helpdesk/cases",
      body: { chat: { lastMessage: { content: "My printer prints blank pages." } } },
    }),
    direct: (fx, ctx) =>
      createCase(ctx, fx.actor, {
        title: "My printer prints blank pages.",
        timeline: [{ kind: "message", body: "My printer prints blank pages." }],
      }),
  },
  {
    name: "mpt-list",
    status: 200,
    // Processing is new, open and on hold: the filter MPT clients send most, newest first.
    request: () => ({
      method: "GET",
      path: "/public/v1/helpdesk/cases?eq(status,Processing)&order=-audit.created.at&limit=20",
    }),
    direct: (fx, ctx) =>
      queryVisibleCases(ctx, fx.actor, {
        where: { field: "status", op: "in", values: ["new", "open", "on_hold"] },
        order: [{ field: "createdAt", direction: "desc" }],
        offset: 0,
        limit: 20,
      }),
  },
  ...TALKDESK_SCENARIOS,
];
