import assert from "node:assert/strict";
import { test } from "node:test";
import { mptCaseId } from "../cases/ids.ts";
import { isTopicPattern, TOPICS, topicsOf, wanted } from "./topics.ts";

test("a change's topics: its own first, then the narrower ones it also is", () => {
  assert.deepEqual(topicsOf("case", "created", [{ field: "title", before: null, after: "x" }]), [
    "case.created",
  ]);
  assert.deepEqual(
    topicsOf("case", "created", [
      { field: "assigneeId", before: null, after: 3 },
      { field: "timeline", before: null, after: [1] },
    ]),
    ["case.created", "case.assigned", "timeline.added"],
  );
  assert.deepEqual(
    topicsOf("case", "updated", [
      { field: "status", before: "new", after: "open" },
      { field: "assigneeId", before: null, after: 2 },
    ]),
    ["case.updated", "case.status_changed", "case.assigned"],
  );
  assert.deepEqual(topicsOf("case", "updated", [{ field: "timeline.7.body", before: "a", after: "b" }]), [
    "case.updated",
    "timeline.edited",
  ]);
  assert.deepEqual(topicsOf("case", "closed", [{ field: "status", before: "resolved", after: "closed" }]), [
    "case.closed",
    "case.status_changed",
  ]);
  assert.deepEqual(topicsOf("case", "purged", []), ["case.purged"]);
  assert.deepEqual(topicsOf("workspace", "imported", []), ["case.imported"]);
  assert.deepEqual(topicsOf("contact", "deleted", []), ["contact.deleted"]);
});

test("a change of the conversation is a case update with the part's own topic", () => {
  const file = { id: 3, name: "a.pdf" };
  assert.deepEqual(topicsOf("case", "updated", [{ field: "attachments", before: null, after: [file] }]), [
    "case.updated",
    "attachment.added",
  ]);
  assert.deepEqual(topicsOf("case", "updated", [{ field: "attachments.3.name", before: "a", after: "b" }]), [
    "case.updated",
    "attachment.updated",
  ]);
  assert.deepEqual(topicsOf("case", "updated", [{ field: "links", before: [{ id: 1 }], after: null }]), [
    "case.updated",
    "link.deleted",
  ]);
  assert.deepEqual(
    topicsOf("case", "updated", [
      { field: "participants", before: [{ id: 1 }], after: null },
      { field: "participants", before: null, after: [{ id: 2 }] },
    ]),
    ["case.updated", "participant.removed", "participant.added"],
  );
});

test("every topic a change can get is in the catalogue", () => {
  const changes = [
    { field: "status", before: "a", after: "b" },
    { field: "assigneeId", before: null, after: 1 },
    { field: "timeline", before: null, after: [1] },
    { field: "timeline.1.body", before: "a", after: "b" },
    ...["attachments", "links", "participants"].flatMap((part) => [
      { field: part, before: null, after: [{ id: 1 }] },
      { field: part, before: [{ id: 1 }], after: null },
      { field: `${part}.1.name`, before: "a", after: "b" },
    ]),
  ];
  const actions: [string, string][] = [
    ["case", "created"],
    ["case", "updated"],
    ["case", "closed"],
    ["case", "trashed"],
    ["case", "restored"],
    ["case", "purged"],
    ["workspace", "imported"],
    ["workspace", "updated"],
    ["contact", "created"],
    ["contact", "updated"],
    ["contact", "deleted"],
    ["key", "created"],
    ["key", "revoked"],
    ["webhook", "deleted"],
    ["form", "deleted"],
    ["field", "deleted"],
    ["field_group", "created"],
    ["field_group", "updated"],
    ["field_group", "deleted"],
    ...["field", "queue", "form", "account", "user", "webhook"].flatMap((o): [string, string][] => [
      [o, "created"],
      [o, "updated"],
    ]),
  ];
  for (const [subject, action] of actions)
    for (const topic of topicsOf(subject, action, changes))
      assert.ok((TOPICS as readonly string[]).includes(topic), `${topic} is catalogued`);
});

test("patterns: catalogue topics, <object>.* and *", () => {
  assert.ok(isTopicPattern("case.created") && isTopicPattern("case.*") && isTopicPattern("*"));
  assert.ok(!isTopicPattern("case.exploded") && !isTopicPattern("nothing.*") && !isTopicPattern("case"));
  assert.ok(wanted(["case.*"], ["case.updated"]));
  assert.ok(wanted(["timeline.added"], ["case.updated", "timeline.added"]));
  assert.ok(!wanted(["contact.*"], ["case.updated"]));
  assert.ok(!wanted(["case.*"], ["caseworker.updated"]));
  assert.ok(wanted(["*"], ["key.revoked"]));
  assert.ok(
    isTopicPattern("attachment.*") && isTopicPattern("participant.removed") && isTopicPattern("link.*"),
  );
  assert.ok(wanted(["attachment.*"], ["case.updated", "attachment.added"]));
  assert.ok(!wanted(["attachment.*"], ["case.updated", "link.added"]));
});

test("MPT case ids: CAS- and the number in three groups of four digits", () => {
  assert.equal(mptCaseId(42), "CAS-0000-0000-0042");
  assert.equal(mptCaseId(123456789012), "CAS-1234-5678-9012");
  assert.equal(mptCaseId(1), "CAS-0000-0000-0001");
});
