import assert from "node:assert/strict";
import { test } from "node:test";
import { talkdeskName } from "./field-names.ts";

test("model paths read in Talkdesk's words", () => {
  const cases: [readonly (string | number)[], string][] = [
    [["title"], "title"],
    [["timeline", 0, "body"], "notes[0].note_body"],
    [["timeline", 2, "title"], "notes[2].note_title"],
    [["timeline", 1, "visibility"], "notes[1].public"],
    [["timeline", 3], "notes[3]"],
    [["customFields", "dropdown1"], "custom_fields.dropdown1"],
    [["assigneeId"], "owner_id"],
    [["queueId"], "group_id"],
    [["parentId"], "parent_id"],
    [["requester", "email"], "requester_email"],
    [["solveReason"], "solve_reason"],
    [[], "body"],
  ];
  for (const [path, name] of cases) assert.equal(talkdeskName(path), name, path.join("."));
});
