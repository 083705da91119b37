import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { testDatabase } from "../../../test/setup.ts";
import type { Actor } from "../../domain/access.ts";
import type { Failure } from "../../domain/errors.ts";
import { authenticate } from "../credentials.ts";
import { bootstrap } from "../workspaces.ts";
import { closeDueCases } from "./close-due-cases.ts";
import { createCase } from "./create-case.ts";
import { updateCase } from "./update-case.ts";

describe("case ops on a real database", async () => {
  const db = await testDatabase();
  await bootstrap(db, "ops-test-admin-key");
  const actor = (await authenticate(db, "ops-test-admin-key")) as Actor;
  let now = new Date("2026-03-01T10:00:00Z");
  const ctx = { db, now: () => now };

  const count = async (table: string) =>
    Number((await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);

  test("concurrent creates get gapless, unique numbers, each with one audit record and one event", async () => {
    const before = { audit: await count("audit_records"), outbox: await count("outbox_events") };
    const created = await Promise.all(
      Array.from({ length: 25 }, (_, i) => createCase(ctx, actor, { title: `case ${i}` })),
    );
    const numbers = created.map((c) => c.case.number).sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: 25 }, (_, i) => numbers[0]! + i),
    );
    assert.equal(await count("audit_records"), before.audit + 25);
    assert.equal(await count("outbox_events"), before.outbox + 25);
  });

  test("a rejected create writes nothing: no case, no number used, no audit", async () => {
    const before = { cases: await count("cases"), audit: await count("audit_records") };
    await assert.rejects(
      createCase(ctx, actor, { title: "bad", queueId: 987654 }),
      (error: Failure) => error.code === "validation_failed" && error.fields[0]?.path.join(".") === "queueId",
    );
    assert.equal(await count("cases"), before.cases);
    assert.equal(await count("audit_records"), before.audit);
    const next = await createCase(ctx, actor, { title: "next" });
    assert.equal(next.case.number, before.cases + 1, "the failed create did not consume a number");
  });

  test("concurrent updates without If-Match lose nothing and leave gapless revisions", async () => {
    const { case: c } = await createCase(ctx, actor, { title: "contended" });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateCase(ctx, actor, c.number, {
          changes: { tags: [`t${i}`] },
          timeline: [{ kind: "note", body: `n${i}` }],
        }),
      ),
    );
    const revisions = await db.query<{ revision: number }>(
      "select revision from audit_records where workspace_id = $1 and subject_type = 'case' and subject_id = $2 order by id",
      [actor.workspaceId, String(c.number)],
    );
    assert.deepEqual(
      revisions.map((r) => r.revision),
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    const entries = await count(`timeline_entries where case_number = ${c.number}`);
    assert.equal(entries, 20);
  });

  test("auto-close runs once per case even when two schedulers race", async () => {
    await db.query("update workspaces set close_delay_seconds = 60 where id = $1", [actor.workspaceId]);
    const resolved = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        createCase(ctx, actor, { title: `resolved ${i}`, status: "resolved", resolution: "done" }),
      ),
    );
    now = new Date(now.getTime() + 61_000);
    const [a, b] = await Promise.all([closeDueCases(ctx), closeDueCases(ctx)]);
    assert.equal(a + b, 6);
    for (const { case: c } of resolved) {
      const closes = await count(
        `audit_records where subject_type = 'case' and subject_id = '${c.number}' and action = 'closed'`,
      );
      assert.equal(closes, 1);
    }
    assert.equal(await closeDueCases(ctx), 0);
  });
});
