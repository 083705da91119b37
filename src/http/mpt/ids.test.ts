/** MPT ids round-trip, and every malformed or foreign id is NaN. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { formatId, ID_KINDS, type IdKind, parseMptId } from "./ids.ts";

test("ids look like the platform's and parse back", () => {
  assert.equal(formatId("case", 42), "CAS-0000-0000-0042");
  assert.equal(formatId("queue", 7), "HQU-0000-0007");
  assert.equal(parseMptId("case", "CAS-0000-0000-0042"), 42);
  assert.equal(parseMptId("chat", "CHT-1111-2222-3333"), 111122223333);
  fc.assert(
    fc.property(
      fc.constantFrom(...(Object.keys(ID_KINDS) as IdKind[])),
      fc.integer({ min: 1, max: 2 ** 40 }),
      (kind, n) => assert.equal(parseMptId(kind, formatId(kind, n)), n),
    ),
  );
});

test("a wrong prefix, group count, zero or junk is NaN", () => {
  for (const raw of [
    "CAS-0000-0000",
    "HQU-1",
    "CHT-0000-0000-0000",
    "CAS-0000-0000-0042-1",
    "cas-0000-0000-0042",
    "42",
    "",
    "CAS-00a0-0000-0042",
    "HQU-0000-0000-0001",
  ])
    assert.ok(Number.isNaN(parseMptId(raw.startsWith("H") ? "queue" : "case", raw)), raw);
  assert.ok(Number.isNaN(parseMptId("queue", "CAS-0000-0001")));
});
