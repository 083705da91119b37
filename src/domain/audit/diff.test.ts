/** Pure tests of field-level before/after changes. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { creation, diff } from "./diff.ts";

interface Snapshot {
  title: string;
  assigneeId: number | null;
  tags: string[];
  custom: Record<string, unknown>;
  at: Date | null;
  note?: string | null;
}

const base: Snapshot = {
  title: "Printer",
  assigneeId: null,
  tags: ["a", "b"],
  custom: { x: 1 },
  at: new Date("2024-05-01T10:00:00Z"),
};
const ALL = ["title", "assigneeId", "tags", "custom", "at", "note"] as const;

describe("diff", () => {
  test("identical snapshots, and equal values in fresh objects, yield nothing", () => {
    assert.deepEqual(diff(base, { ...base }, ALL), []);
    const copy: Snapshot = { ...base, tags: ["a", "b"], custom: { x: 1 }, at: new Date(base.at!.getTime()) };
    assert.deepEqual(diff(base, copy, ALL), []);
  });

  test("lists changed fields in the order asked for, with normalised before/after", () => {
    const after: Snapshot = {
      ...base,
      assigneeId: 5,
      title: "Scanner",
      at: new Date("2024-05-02T00:00:00Z"),
    };
    assert.deepEqual(diff(base, after, ALL), [
      { field: "title", before: "Printer", after: "Scanner" },
      { field: "assigneeId", before: null, after: 5 },
      { field: "at", before: "2024-05-01T10:00:00.000Z", after: "2024-05-02T00:00:00.000Z" },
    ]);
  });

  test("only the fields asked for are compared", () => {
    assert.deepEqual(diff(base, { ...base, title: "Other" }, ["assigneeId", "tags"]), []);
  });

  test("undefined and null are the same; clearing records null", () => {
    assert.deepEqual(diff(base, { ...base, note: null }, ALL), []);
    assert.deepEqual(diff(base, { ...base, at: null }, ["at"]), [
      { field: "at", before: "2024-05-01T10:00:00.000Z", after: null },
    ]);
  });

  test("arrays and objects compare by value, and array order matters", () => {
    assert.deepEqual(diff(base, { ...base, tags: ["b", "a"] }, ["tags"]), [
      { field: "tags", before: ["a", "b"], after: ["b", "a"] },
    ]);
    assert.deepEqual(diff(base, { ...base, custom: { x: 2 } }, ["custom"]), [
      { field: "custom", before: { x: 1 }, after: { x: 2 } },
    ]);
  });
});

describe("creation", () => {
  test("lists fields holding a value, from null, skipping nulls and empty arrays", () => {
    const created: Snapshot = { ...base, tags: [], note: undefined };
    assert.deepEqual(creation(created, ALL), [
      { field: "title", before: null, after: "Printer" },
      { field: "custom", before: null, after: { x: 1 } },
      { field: "at", before: null, after: "2024-05-01T10:00:00.000Z" },
    ]);
  });

  test("false, 0 and empty strings are values", () => {
    const flags = { on: false, count: 0, text: "" };
    assert.deepEqual(
      creation(flags, ["on", "count", "text"]).map((c) => c.after),
      [false, 0, ""],
    );
  });
});
