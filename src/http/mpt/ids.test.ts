/** MPT ids round-trip, and every malformed or foreign id names nothing (a path id is then its record's 404). */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Failure } from "../../domain/errors.ts";
import { formatId, ID_KINDS, type IdKind, mptNumber, parseMptId } from "./ids.ts";

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

test("a wrong prefix, group count, zero or junk names nothing", () => {
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
    assert.equal(mptNumber(raw.startsWith("H") ? "queue" : "case", raw), null, raw);
  assert.equal(mptNumber("queue", "CAS-0000-0001"), null);
  assert.throws(
    () => parseMptId("message", "MSG-1"),
    (error: Failure) => error.code === "entry_not_found",
  );
  assert.throws(
    () => parseMptId("chat", "CAS-0000-0000-0001"),
    (error: Failure) => error.code === "case_not_found",
  );
});
