/** Pure tests of timeline entry checks and defaults. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FieldError, Result } from "../errors.ts";
import { checkEntries, defaultVisibility, type EntryOrigin, type NewEntry } from "./entry.ts";

const ACTOR = { type: "user" as const, id: 7 };
const ORIGIN: EntryOrigin = {
  service: "twitter",
  serviceId: "1790000000000000000",
  linkUrl: "https://x.com/acme/status/1790000000000000000",
  contentType: "text/plain",
  createdAt: null,
  author: null,
};

function entriesOf(result: Result<NewEntry[]>): NewEntry[] {
  if (!result.ok) assert.fail(result.error.message);
  return result.value;
}

function errorsOf(result: Result<NewEntry[]>): FieldError[] {
  if (result.ok) assert.fail("expected errors");
  assert.equal(result.error.code, "validation_failed");
  return result.error.fields ?? [];
}

describe("checkEntries", () => {
  test("notes default to internal, interactions and messages to public; the actor is the author", () => {
    const entries = entriesOf(
      checkEntries(
        [
          { kind: "note", body: "Called them" },
          { kind: "message", body: "We are on it" },
          { kind: "interaction", body: "@acme help", origin: ORIGIN },
        ],
        ACTOR,
      ),
    );
    assert.deepEqual(
      entries.map((e) => [e.kind, e.visibility, e.authorType, e.authorId]),
      [
        ["note", "internal", "user", 7],
        ["message", "public", "user", 7],
        ["interaction", "public", "user", 7],
      ],
    );
    assert.equal(entries[0]?.title, null);
    assert.equal(entries[0]?.origin, null);
    assert.deepEqual(entries[2]?.origin, ORIGIN);
  });

  test("explicit visibility, title and author are kept", () => {
    const [entry] = entriesOf(
      checkEntries(
        [
          {
            kind: "note",
            visibility: "public",
            title: "Update",
            body: "Fixed",
            author: { type: "contact", id: 3 },
          },
        ],
        ACTOR,
      ),
    );
    assert.deepEqual(entry, {
      kind: "note",
      visibility: "public",
      authorType: "contact",
      authorId: 3,
      title: "Update",
      body: "Fixed",
      origin: null,
    });
  });

  test("no entries is fine", () => {
    assert.deepEqual(entriesOf(checkEntries([], ACTOR)), []);
  });

  test("blank or over-long bodies, over-long titles and interactions without origin are named by index", () => {
    const errors = errorsOf(
      checkEntries(
        [
          { kind: "note", body: "fine" },
          { kind: "note", body: "  \n " },
          { kind: "message", body: "b".repeat(100_001), title: "t".repeat(256) },
          { kind: "interaction", body: "" },
        ],
        ACTOR,
      ),
    );
    assert.deepEqual(errors, [
      { path: ["timeline", 1, "body"], message: "must not be empty" },
      { path: ["timeline", 2, "body"], message: "must be at most 100000 characters" },
      { path: ["timeline", 2, "title"], message: "must be at most 255 characters" },
      { path: ["timeline", 3, "origin"], message: "is required for interactions" },
    ]);
  });

  test("limits are inclusive", () => {
    const entries = entriesOf(
      checkEntries([{ kind: "note", body: "b".repeat(100_000), title: "t".repeat(255) }], ACTOR),
    );
    assert.equal(entries[0]?.body.length, 100_000);
  });

  test("at most 100 entries in one write, under a configurable path", () => {
    const entry = { kind: "note" as const, body: "x" };
    assert.equal(entriesOf(checkEntries(Array(100).fill(entry), ACTOR)).length, 100);
    assert.deepEqual(errorsOf(checkEntries(Array(101).fill(entry), ACTOR, ["notes"])), [
      { path: ["notes"], message: "at most 100 entries in one request" },
    ]);
    assert.deepEqual(errorsOf(checkEntries([{ kind: "note", body: "" }], ACTOR, ["notes"])), [
      { path: ["notes", 0, "body"], message: "must not be empty" },
    ]);
  });
});

describe("defaultVisibility", () => {
  test("only notes default to internal", () => {
    assert.deepEqual((["interaction", "note", "message"] as const).map(defaultVisibility), [
      "public",
      "internal",
      "public",
    ]);
  });
});
