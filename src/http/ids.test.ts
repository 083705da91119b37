import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Failure } from "../domain/errors.ts";
import { parseId, parseRef } from "./ids.ts";

describe("ids at the edge", () => {
  test("a whole number is the id", () => {
    assert.equal(parseId("42", "case"), 42);
    assert.equal(parseId("9007199254740991", "contact"), Number.MAX_SAFE_INTEGER);
  });

  test("anything else is the 404 of the record the path names, never NaN", () => {
    for (const raw of [
      "abc",
      "0",
      "-1",
      "1.5",
      "01",
      "1e3",
      "",
      " 1",
      "9007199254740993",
      "9999999999999999",
    ]) {
      assert.throws(
        () => parseId(raw, "entry"),
        (error: unknown) => error instanceof Failure && error.code === "entry_not_found",
        raw,
      );
    }
    assert.throws(
      () => parseId("x", "key"),
      (error: unknown) => error instanceof Failure && error.code === "key_not_found",
    );
  });

  test("a reference keeps null and undefined, and a malformed one refers to no record", () => {
    assert.equal(parseRef(undefined), undefined);
    assert.equal(parseRef(null), null);
    assert.equal(parseRef("7"), 7);
    assert.equal(parseRef(7), 7);
    assert.equal(parseRef("abc"), 0);
    assert.equal(parseRef(1e20), 0);
  });
});
