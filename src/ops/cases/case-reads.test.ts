import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildTestApp } from "../../../test/setup.ts";
import type { Sql } from "../../store/db.ts";
import { caseReads } from "./case-reads.ts";

describe("shared reads of single cases", async () => {
  const t = await buildTestApp();
  const [workspace] = await t.db.query<{ id: number }>("select id from workspaces order by id limit 1");
  const numbers: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await t.request({ method: "POST", url: "/api/v1/cases", payload: { title: `Read ${i}` } });
    assert.equal(res.statusCode, 201, res.body);
    numbers.push(res.json().number);
  }

  test("reads asked for together share one query, and each gets its own case or null", async () => {
    const statements: string[] = [];
    const counting: Sql = {
      ...t.db,
      query: (text, params) => {
        statements.push(text);
        return t.db.query(text, params);
      },
    };
    const reads = caseReads(counting);
    const found = await Promise.all(
      [...numbers, numbers[0]!, 999_999].map((n) => reads.find(workspace!.id, n)),
    );
    assert.equal(statements.length, 1);
    assert.deepEqual(
      found.map((c) => c?.title ?? null),
      ["Read 0", "Read 1", "Read 2", "Read 3", "Read 4", "Read 0", null],
    );
    assert.equal(
      await reads.find(workspace!.id + 1, numbers[0]!),
      null,
      "another workspace has no such case",
    );
  });

  test("concurrent gets over HTTP answer each its own case, and a get after a write sees the write", async () => {
    const gets = await Promise.all(
      numbers.map((n) => t.request({ method: "GET", url: `/api/v1/cases/${n}` })),
    );
    assert.deepEqual(
      gets.map((res) => [res.statusCode, res.json().number]),
      numbers.map((n) => [200, n]),
    );
    const [patched, missing] = await Promise.all([
      t.request({ method: "PATCH", url: `/api/v1/cases/${numbers[1]}`, payload: { title: "Changed" } }),
      t.request({ method: "GET", url: "/api/v1/cases/999999" }),
    ]);
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(missing.statusCode, 404);
    const after = await t.request({ method: "GET", url: `/api/v1/cases/${numbers[1]}` });
    assert.equal(after.json().title, "Changed");
    assert.equal(after.json().revision, patched.json().revision);
  });
});
