import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertProblem, createCase } from "../../test/native.ts";
import { buildTestApp } from "../../test/setup.ts";

describe("enum errors", async () => {
  const t = await buildTestApp();

  test("a value outside an enum is refused with the allowed values listed", async () => {
    const c = await createCase(t, { title: "Enum" });
    const res = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      payload: { priority: "hot" },
    });
    const problem = assertProblem(res, 400, "validation_failed", "priority");
    assert.match(problem.detail, /priority: must be one of "low", "normal", "high", "urgent"/);
  });
});
