import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { testDatabase } from "../../../test/setup.ts";
import type { Actor } from "../../domain/access.ts";
import type { Failure } from "../../domain/errors.ts";
import { createField } from "../admin/fields.ts";
import { authenticate } from "../credentials.ts";
import { bootstrap } from "../workspaces.ts";
import { createCase } from "./create-case.ts";
import { importCases } from "./import-cases.ts";
import { caseTimeline, findCases, getCase } from "./read-cases.ts";

describe("bulk import of cases", async () => {
  const db = await testDatabase();
  await bootstrap(db, "import-test-admin-key");
  const actor = (await authenticate(db, "import-test-admin-key")) as Actor;
  const now = new Date("2026-03-01T10:00:00Z");
  const ctx = { db, now: () => now };
  await createField(ctx, actor, { object: "case", key: "score", label: "Score", type: "integer" });
  const count = async (table: string) =>
    Number((await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);
  const search = async (q: string, who = actor) =>
    (
      await findCases(ctx, who, {
        filter: { q },
        sort: { field: "number", direction: "asc" },
        after: null,
        limit: 50,
      })
    ).items.map((c) => c.number);

  test("imports cases with their entries under the next numbers, searchable, one audit record per batch", async () => {
    const existing = await createCase(ctx, actor, { title: "before the import" });
    const before = {
      audit: await count("audit_records"),
      outbox: await count("outbox_events"),
      participants: await count("case_participants"),
    };
    const result = await importCases(
      ctx,
      actor,
      Array.from({ length: 5 }, (_, i) => ({
        title: `imported ${i} zebra${i}`,
        status: i === 0 ? ("resolved" as const) : ("open" as const),
        priority: "high" as const,
        tags: ["Imported"],
        customFields: { score: i },
        createdAt: new Date(`2025-0${i + 1}-01T00:00:00Z`),
        timeline: [
          { kind: "message" as const, body: `public words giraffe${i}` },
          { kind: "note" as const, body: `internal words okapi${i}` },
        ],
      })),
      { batchSize: 2 },
    );
    const first = existing.case.number + 1;
    assert.deepEqual(result, { cases: 5, entries: 10, first, last: first + 4 });
    const third = await getCase(ctx, actor, first + 2);
    assert.equal(third.title, "imported 2 zebra2");
    assert.equal(third.status, "open");
    assert.equal(third.priority, "high");
    assert.deepEqual(third.tags, ["imported"]);
    assert.deepEqual(third.customFields, { score: 2 });
    assert.equal(third.revision, 1);
    assert.equal(third.createdAt.toISOString(), "2025-03-01T00:00:00.000Z");
    assert.equal(third.updatedAt.toISOString(), "2025-03-01T00:00:00.000Z");
    assert.equal((await getCase(ctx, actor, first)).resolvedAt?.toISOString(), "2025-01-01T00:00:00.000Z");
    const entries = await caseTimeline(ctx, actor, first + 2, { afterId: null, limit: 10 });
    assert.deepEqual(
      entries.items.map((e) => [e.kind, e.visibility, e.body, e.authorId]),
      [
        ["message", "public", "public words giraffe2", actor.userId],
        ["note", "internal", "internal words okapi2", actor.userId],
      ],
    );
    assert.deepEqual(await search("zebra3"), [first + 3]);
    assert.deepEqual(await search("giraffe4"), [first + 4]);
    assert.deepEqual(await search("okapi1"), [first + 1]);
    const client = { ...actor, accountType: "client" as const };
    assert.deepEqual(await search("okapi1", client), []);
    // The reporter of each imported case takes part in its conversation.
    assert.equal(await count("case_participants"), before.participants + 5);
    // Three batches (2 + 2 + 1): one audit record and one outbox event each.
    assert.equal(await count("audit_records"), before.audit + 3);
    const events = await db.query<{ topic: string; payload: { object: { first: number; count: number } } }>(
      "select topic, payload from outbox_events order by id desc limit 3",
    );
    assert.deepEqual(events.map((e) => [e.topic, e.payload.object.first, e.payload.object.count]).reverse(), [
      ["case.imported", first, 2],
      ["case.imported", first + 2, 2],
      ["case.imported", first + 4, 1],
    ]);
    const next = await createCase(ctx, actor, { title: "after the import" });
    assert.equal(next.case.number, first + 5);
  });

  test("one invalid case fails the whole import: nothing written, no number used, the field named", async () => {
    const before = { cases: await count("cases"), entries: await count("timeline_entries") };
    const input = [
      { title: "fine" },
      { title: "fine too", timeline: [{ kind: "note" as const, body: "ok" }] },
      {
        title: "bad",
        customFields: { score: "many" },
        timeline: [{ kind: "interaction" as const, body: "x" }],
      },
    ];
    await assert.rejects(
      importCases(ctx, actor, input, { batchSize: 1 }),
      (error: Failure) =>
        error.code === "validation_failed" &&
        error.fields.some((f) => f.path.join(".") === "cases.2.customFields.score") &&
        error.fields.some((f) => f.path.join(".") === "cases.2.timeline.0.origin"),
    );
    await assert.rejects(
      importCases(ctx, actor, [{ title: "from the future", createdAt: new Date("2027-01-01T00:00:00Z") }]),
      (error: Failure) => error.fields[0]?.path.join(".") === "cases.0.createdAt",
    );
    await assert.rejects(
      importCases(ctx, actor, [{ title: "closed", status: "closed" }]),
      (error: Failure) =>
        error.code === "validation_failed" && error.fields[0]?.path.join(".") === "cases.0.status",
    );
    assert.deepEqual({ cases: await count("cases"), entries: await count("timeline_entries") }, before);
    const next = await createCase(ctx, actor, { title: "numbers stay gapless" });
    assert.equal(next.case.number, before.cases + 1);
  });

  test("an interaction repeated within a case is kept once; nothing to import is no error", async () => {
    const origin = {
      service: "twitter",
      serviceId: "tweet-1",
      linkUrl: null,
      contentType: null,
      createdAt: null,
      author: null,
    };
    const result = await importCases(ctx, actor, [
      {
        title: "a conversation",
        timeline: [
          { kind: "interaction", body: "first delivery", origin },
          { kind: "interaction", body: "redelivered", origin },
        ],
      },
    ]);
    assert.equal(result.entries, 1);
    assert.deepEqual(await importCases(ctx, actor, []), { cases: 0, entries: 0, first: null, last: null });
  });

  test("importing needs the admin scope", async () => {
    await assert.rejects(
      importCases(ctx, { ...actor, scopes: ["cases:write"] }, [{ title: "x" }]),
      (error: Failure) => error.code === "forbidden",
    );
  });
});
