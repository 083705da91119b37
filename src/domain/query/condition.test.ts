import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Condition, matches } from "./condition.ts";

describe("matches: a condition decided on one record, as the store's SQL decides it on rows", () => {
  const record = {
    accountId: 3,
    internal: true,
    name: "Billing_EU",
    owner: null,
    at: new Date("2026-01-05"),
  };
  const cases: [string, Condition<keyof typeof record>, boolean][] = [
    ["eq", { field: "accountId", op: "eq", value: 3 }, true],
    ["eq another value", { field: "accountId", op: "eq", value: 4 }, false],
    ["eq null on an empty field", { field: "owner", op: "eq", value: null }, true],
    ["eq a value on an empty field", { field: "owner", op: "eq", value: 3 }, false],
    ["ne keeps an empty field", { field: "owner", op: "ne", value: 3 }, true],
    ["in", { field: "accountId", op: "in", values: [1, 3] }, true],
    ["in with null", { field: "owner", op: "in", values: [1, null] }, true],
    ["gt on dates", { field: "at", op: "gt", value: new Date("2026-01-01") }, true],
    ["lt on an empty field", { field: "owner", op: "lt", value: 5 }, false],
    ["like is case-insensitive with wildcards", { field: "name", op: "like", pattern: "bill%" }, true],
    ["like escapes", { field: "name", op: "like", pattern: "billing\\_eu" }, true],
    ["like _ is one character", { field: "name", op: "like", pattern: "billing_e" }, false],
    [
      "any",
      {
        any: [
          { field: "internal", op: "eq", value: false },
          { field: "accountId", op: "eq", value: 3 },
        ],
      },
      true,
    ],
    ["all of none", { all: [] }, true],
    ["any of none", { any: [] }, false],
    ["not", { not: { field: "internal", op: "eq", value: true } }, false],
  ];
  for (const [what, condition, expected] of cases)
    test(what, () => assert.equal(matches(condition, record), expected));
});
