import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Actor } from "../access.ts";
import { decideEntryDelete } from "./delete.ts";
import { decideEntryEdit } from "./edit.ts";
import type { TimelineEntry } from "./entry.ts";

const NOW = new Date("2026-02-01T12:00:00Z");
const operator: Actor = {
  workspaceId: 1,
  userId: 1,
  label: "ops@example.com",
  accountId: 1,
  accountType: "operations",
  scopes: ["cases:write"],
  context: {},
};
const client: Actor = { ...operator, userId: 7, accountId: 2, accountType: "client" };

const note = (overrides: Partial<TimelineEntry> = {}): TimelineEntry => ({
  id: 10,
  caseNumber: 3,
  kind: "note",
  visibility: "internal",
  authorType: "user",
  authorId: 1,
  title: null,
  body: "before",
  origin: null,
  revision: 1,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-01T00:00:00Z"),
  deletedAt: null,
  ...overrides,
});

describe("decideEntryEdit", () => {
  test("a changed note gets a new revision and names each changed field", () => {
    const result = decideEntryEdit(note(), { body: "after", title: "T" }, operator, NOW);
    assert.ok(result.ok);
    assert.equal(result.value.next.body, "after");
    assert.equal(result.value.next.revision, 2);
    assert.equal(result.value.next.updatedAt, NOW);
    assert.deepEqual(
      result.value.changes.map((c) => c.field),
      ["timeline.10.title", "timeline.10.body"],
    );
  });

  test("the same values are no change", () => {
    const result = decideEntryEdit(note(), { body: "before" }, operator, NOW);
    assert.ok(result.ok);
    assert.deepEqual(result.value.changes, []);
    assert.equal(result.value.next.revision, 1);
  });

  test("only notes are editable", () => {
    for (const kind of ["interaction", "message"] as const) {
      const result = decideEntryEdit(note({ kind }), { body: "x" }, operator, NOW);
      assert.ok(!result.ok);
      assert.equal(result.error.code, "entry_not_editable");
    }
  });

  test("client users edit only their own public notes", () => {
    const others = decideEntryEdit(note({ visibility: "public" }), { body: "x" }, client, NOW);
    assert.ok(!others.ok);
    assert.equal(others.error.code, "forbidden");
    const own = note({ visibility: "public", authorId: 7 });
    assert.ok(decideEntryEdit(own, { body: "x" }, client, NOW).ok);
    const hiding = decideEntryEdit(own, { visibility: "internal" }, client, NOW);
    assert.ok(!hiding.ok);
    assert.deepEqual(hiding.error.fields, [
      { path: ["visibility"], message: "internal entries are for operations users" },
    ]);
  });

  test("an empty or oversized body is refused, naming the field", () => {
    for (const body of ["  ", "x".repeat(100_001)]) {
      const result = decideEntryEdit(note(), { body }, operator, NOW);
      assert.ok(!result.ok);
      assert.equal(result.error.code, "validation_failed");
      assert.equal(result.error.fields?.[0]?.path.join("."), "body");
    }
  });
});

describe("decideEntryDelete", () => {
  const at = new Date("2026-01-02T00:00:00Z");

  test("empties the content, keeps the record and audits only that it was deleted", () => {
    const result = decideEntryDelete(note({ kind: "message", visibility: "public" }), operator, at);
    assert.ok(result.ok);
    assert.equal(result.value.next.body, "");
    assert.deepEqual(result.value.next.deletedAt, at);
    assert.equal(result.value.next.revision, 2);
    assert.deepEqual(result.value.changes, [{ field: "timeline.10.deleted", before: false, after: true }]);
  });

  test("deleting again changes nothing", () => {
    const result = decideEntryDelete(note({ deletedAt: at, body: "" }), operator, at);
    assert.ok(result.ok);
    assert.deepEqual(result.value.changes, []);
  });

  test("client users delete only their own; interactions are never deleted", () => {
    const theirs = decideEntryDelete(note({ kind: "message" }), client, at);
    assert.equal(!theirs.ok && theirs.error.code, "forbidden");
    assert.ok(decideEntryDelete(note({ kind: "message", authorId: 7 }), client, at).ok);
    const interaction = decideEntryDelete(note({ kind: "interaction" }), operator, at);
    assert.equal(!interaction.ok && interaction.error.code, "entry_not_editable");
  });

  test("a deleted entry cannot be edited", () => {
    const result = decideEntryEdit(note({ deletedAt: at }), { body: "again" }, operator, at);
    assert.equal(!result.ok && result.error.code, "entry_not_editable");
  });
});
