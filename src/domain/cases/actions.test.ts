/** The named actions on the one lifecycle: every allowed move, every refused one, and reopen's assignee. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CaseAction, decideAction, phaseOf } from "./actions.ts";
import type { Case } from "./case.ts";
import type { Status } from "./status.ts";

const at = new Date("2026-01-05T09:00:00Z");
const aCase = (status: Status, assigneeId: number | null = 7): Case => ({
  workspaceId: 1,
  number: 42,
  title: "t",
  description: "",
  status,
  priority: "normal",
  type: null,
  parentNumber: null,
  queueId: 1,
  assigneeId,
  reporterId: 1,
  requesterId: null,
  accountId: 1,
  resolution: null,
  solveReason: null,
  awaiting: false,
  queryPrompt: null,
  customFields: {},
  tags: [],
  revision: 3,
  createdAt: at,
  updatedAt: at,
  resolvedAt: null,
  closedAt: null,
  trashedAt: null,
});
const none = { lastAssigneeId: null };

describe("case actions", () => {
  test("phases: processing is new, open and on hold; querying is pending; completed is resolved and closed", () => {
    assert.deepEqual(
      (["new", "open", "on_hold", "pending", "resolved", "closed"] as const).map((s) =>
        phaseOf({ status: s }),
      ),
      ["processing", "processing", "processing", "querying", "completed", "completed"],
    );
  });

  test("query moves a processing case to pending with its prompt", () => {
    for (const status of ["new", "open", "on_hold"] as const)
      assert.deepEqual(decideAction(aCase(status), "query", { queryPrompt: "More details" }, none), {
        ok: true,
        value: { status: "pending", queryPrompt: "More details" },
      });
  });

  test("process returns a querying case to open (assigned) or new (unassigned)", () => {
    assert.deepEqual(decideAction(aCase("pending"), "process", {}, none), {
      ok: true,
      value: { status: "open", assigneeId: 7 },
    });
    assert.deepEqual(decideAction(aCase("pending", null), "process", {}, none), {
      ok: true,
      value: { status: "new" },
    });
  });

  test("process reopens a resolved case with its last assignee", () => {
    assert.deepEqual(decideAction(aCase("resolved", null), "process", {}, { lastAssigneeId: 9 }), {
      ok: true,
      value: { status: "open", assigneeId: 9 },
    });
  });

  test("complete resolves from processing and querying", () => {
    for (const status of ["new", "open", "on_hold", "pending"] as const)
      assert.deepEqual(decideAction(aCase(status), "complete", {}, none), {
        ok: true,
        value: { status: "resolved" },
      });
  });

  const refused: [Status, CaseAction, string][] = [
    ["pending", "query", "invalid_transition"],
    ["resolved", "query", "invalid_transition"],
    ["open", "process", "invalid_transition"],
    ["new", "process", "invalid_transition"],
    ["resolved", "complete", "invalid_transition"],
    ["closed", "process", "case_closed"],
    ["closed", "complete", "case_closed"],
    ["closed", "query", "case_closed"],
  ];
  for (const [status, action, code] of refused)
    test(`${action} on a ${status} case is ${code}`, () => {
      const result = decideAction(aCase(status), action, {}, none);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.code, code);
        assert.ok(result.error.message.length > 0);
      }
    });
});
