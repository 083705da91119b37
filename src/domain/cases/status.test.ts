/** Pure lifecycle tests: every from × to pair, for assigned and unassigned cases. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkTransition, STATUSES, type Status, statusCategory, statusInCategory } from "./status.ts";

type Outcome = Status | "case_closed" | "invalid_transition";

/** Columns follow STATUSES: new, open, pending, on_hold, resolved, closed. Written out by hand on purpose. */
const EXPECTED: Record<"unassigned" | "assigned", Record<Status, Outcome[]>> = {
  unassigned: {
    new: ["new", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    open: ["new", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    pending: ["new", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    on_hold: ["new", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    resolved: ["new", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    closed: ["case_closed", "case_closed", "case_closed", "case_closed", "case_closed", "case_closed"],
  },
  assigned: {
    new: ["invalid_transition", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    open: ["invalid_transition", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    pending: ["invalid_transition", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    on_hold: ["invalid_transition", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    resolved: ["invalid_transition", "open", "pending", "on_hold", "resolved", "invalid_transition"],
    closed: ["case_closed", "case_closed", "case_closed", "case_closed", "case_closed", "case_closed"],
  },
};

const outcome = (from: Status, to: Status, assigned: boolean): Outcome => {
  const result = checkTransition(from, to, { assigned });
  return result.ok ? result.value : (result.error.code as Outcome);
};

describe("checkTransition: every from × to pair", () => {
  for (const assignment of ["unassigned", "assigned"] as const) {
    describe(assignment, () => {
      for (const from of STATUSES) {
        STATUSES.forEach((to, column) => {
          const expected = EXPECTED[assignment][from][column];
          test(`${from} → ${to} gives ${expected}`, () => {
            assert.equal(outcome(from, to, assignment === "assigned"), expected);
          });
        });
      }
    });
  }

  test("the matrix covers 72 pairs: 45 allowed, 12 case_closed, 15 invalid_transition", () => {
    const tally = new Map<string, number>();
    for (const assigned of [false, true])
      for (const from of STATUSES)
        for (const to of STATUSES) {
          const result = checkTransition(from, to, { assigned });
          const key = result.ok ? "allowed" : result.error.code;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
    assert.deepEqual(Object.fromEntries(tally), { allowed: 45, case_closed: 12, invalid_transition: 15 });
  });
});

describe("checkTransition: error details", () => {
  test("closed cases fail with case_closed and no field errors", () => {
    const result = checkTransition("closed", "open", { assigned: false });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, "case_closed");
    assert.equal(result.error.fields, undefined);
  });

  test("setting closed by hand names the status field", () => {
    const result = checkTransition("resolved", "closed", { assigned: true });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, "invalid_transition");
    assert.deepEqual(
      result.error.fields?.map((f) => f.path.join(".")),
      ["status"],
    );
    assert.match(result.error.fields?.[0]?.message ?? "", /closed cannot be set/);
  });

  test("new on an assigned case names the status field and asks to unassign", () => {
    const result = checkTransition("open", "new", { assigned: true });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, "invalid_transition");
    assert.deepEqual(result.error.fields, [
      { path: ["status"], message: "new requires the case to be unassigned" },
    ]);
  });
});

describe("statusCategory", () => {
  test("categories are fixed", () => {
    assert.deepEqual(
      STATUSES.map((status) => statusCategory(status)),
      ["unresolved", "unresolved", "unresolved", "unresolved", "resolved", "closed"],
    );
  });
});

describe("statusInCategory", () => {
  test("moves a case only when it is not in the category yet; reopening makes it open", () => {
    assert.deepEqual(
      STATUSES.map((status) => statusInCategory(status, "unresolved")),
      [undefined, undefined, undefined, undefined, "open", "open"],
    );
    assert.deepEqual(
      STATUSES.map((status) => statusInCategory(status, "resolved")),
      ["resolved", "resolved", "resolved", "resolved", undefined, "resolved"],
    );
  });
});
