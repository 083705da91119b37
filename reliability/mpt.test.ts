/**
 * The MPT dialect under stress: hostile RQL on every list, retried creates, racing PUTs and actions, and
 * 429 with Retry-After before anything is written (MPT clients retry every method on 429 and 5xx).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { fingerprint } from "../test/fingerprint.ts";
import { assertMptError, mpt } from "../test/mpt.ts";
import { buildTestApp } from "../test/setup.ts";

const PARALLEL = 30;
const LISTS = [
  "/helpdesk/cases",
  "/helpdesk/chats",
  "/helpdesk/queues",
  "/helpdesk/chats/CHT-0000-0000-0001/messages",
];
const FIELDS = [
  "status",
  "queue.id",
  "id",
  "audit.created.at",
  "awaiting",
  "chat.name",
  "name",
  "x",
  "__proto__",
  "a.b.c",
];
const VALUES = [
  "Processing",
  "'; drop table cases; --",
  '"HQU-0000-0001"',
  "null()",
  "empty()",
  "*%_\\",
  "2026-01-01",
  "1e309",
  "(",
  ")",
  ",",
  "\u0000",
  "%00",
  "%zz",
  "\ud800",
];

/** Expressions built from RQL pieces and hostile values, and raw strings, all percent-encoded as sent. */
const rql = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small" },
    fc
      .tuple(
        fc.constantFrom("eq", "ne", "gt", "lt", "ilike", "in", "out", "frob"),
        fc.constantFrom(...FIELDS),
        fc.constantFrom(...VALUES),
      )
      .map(([op, field, value]) =>
        op === "in" || op === "out" ? `${op}(${field},(${value},x))` : `${op}(${field},${value})`,
      ),
    fc
      .tuple(fc.constantFrom("and", "or", "not", "any"), fc.array(tie("expr"), { maxLength: 3 }))
      .map(([op, args]) => `${op}(${args.join(",")})`),
    fc.string({ maxLength: 40 }),
  ),
}));
const encode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[^\x21-\x7e]/g, "%ff");
  }
};

describe("MPT reliability", async () => {
  const t = await buildTestApp();
  const queue = (
    (await mpt(t, { method: "GET", url: "/helpdesk/queues" })).json() as { data: { id: string }[] }
  ).data[0]!.id;
  const payload = { queue: { id: queue }, chat: { lastMessage: { content: "Retried" } } };
  await mpt(t, { method: "POST", url: "/helpdesk/cases", payload });

  test("hostile RQL on every list is a 200 or a 400 in the problem shape, and changes nothing", async () => {
    const before = await fingerprint(t.db);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LISTS),
        rql.expr,
        fc.constantFrom(
          "",
          "&order=-x",
          "&limit=-1",
          "&offset=99999999999",
          "&select=-audit",
          "&order=+status",
        ),
        async (list, expression, extra) => {
          const raw = Math.random() < 0.5 ? encode(expression) : expression.replace(/[#\s]/g, "");
          const res = await mpt(t, { method: "GET", url: `${list}?${raw}${extra}` });
          assert.ok(
            res.statusCode === 200 || res.statusCode === 400 || res.statusCode === 404,
            `${raw}: ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
          if (res.statusCode !== 200) assertMptError(res, res.statusCode);
        },
      ),
      { numRuns: 600 },
    );
    assert.deepEqual(await fingerprint(t.db), before);
  });

  test(`${PARALLEL} parallel retries of one create with an Idempotency-Key make one case`, async () => {
    const before = await fingerprint(t.db);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        mpt(t, {
          method: "POST",
          url: "/helpdesk/cases",
          headers: { "idempotency-key": "mpt-retry" },
          payload,
        }),
      ),
    );
    for (const res of responses) {
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json(), responses[0]!.json());
    }
    const after = await fingerprint(t.db);
    assert.equal(Number(after.cases), Number(before.cases) + 1);
  });

  test(`${PARALLEL} racing PUTs carrying the same revision: one wins, the rest are 409 and change nothing`, async () => {
    const c = (await mpt(t, { method: "POST", url: "/helpdesk/cases", payload })).json() as {
      id: string;
      revision: number;
    };
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        mpt(t, {
          method: "PUT",
          url: `/helpdesk/cases/${c.id}`,
          payload: { revision: c.revision, queryPrompt: `Writer ${i}` },
        }),
      ),
    );
    assert.equal(responses.filter((res) => res.statusCode === 200).length, 1);
    for (const res of responses) if (res.statusCode !== 200) assertMptError(res, 409);
    const after = (await mpt(t, { method: "GET", url: `/helpdesk/cases/${c.id}` })).json() as {
      revision: number;
    };
    assert.equal(after.revision, c.revision + 1);
  });

  test(`${PARALLEL} racing completes of one case: one completes it, the rest are 409`, async () => {
    const c = (await mpt(t, { method: "POST", url: "/helpdesk/cases", payload })).json() as { id: string };
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        mpt(t, { method: "POST", url: `/helpdesk/cases/${c.id}/complete` }),
      ),
    );
    assert.equal(responses.filter((res) => res.statusCode === 200).length, 1);
    for (const res of responses) if (res.statusCode !== 200) assertMptError(res, 409);
  });
});

describe("MPT rate limits", async () => {
  const t = await buildTestApp({ rateLimits: { perCredential: 3, authFailuresPerIp: 3, windowMs: 60_000 } });

  test("over budget: 429 with Retry-After, before any write", async () => {
    const payload = { chat: { lastMessage: { content: "Limited" } } };
    for (let i = 0; i < 3; i++)
      assert.equal((await mpt(t, { method: "POST", url: "/helpdesk/cases", payload })).statusCode, 201);
    const before = await fingerprint(t.db);
    const limited = await mpt(t, { method: "POST", url: "/helpdesk/cases", payload });
    assertMptError(limited, 429);
    assert.ok(Number(limited.headers["retry-after"]) >= 1);
    assert.deepEqual(await fingerprint(t.db), before);
  });
});
