import assert from "node:assert/strict";
import { test } from "node:test";
import { readPriority, readStatus, readType, wireWord } from "./enums.ts";

test("enum words are read case-insensitively, with ON-HOLD for ON_HOLD", () => {
  assert.equal(readStatus("ON-HOLD"), "on_hold");
  assert.equal(readStatus("ON_HOLD"), "on_hold");
  assert.equal(readStatus("On-hold"), "on_hold");
  assert.equal(readStatus("Open"), "open");
  assert.equal(readStatus("CLOSED"), "closed");
  assert.equal(readStatus("DONE"), null);
  assert.equal(readPriority("Normal"), "normal");
  assert.equal(readPriority("MEDIUM"), null);
  assert.equal(readType("question"), "question");
  assert.equal(readType("bug"), null);
  assert.equal(wireWord("on_hold"), "ON_HOLD");
});
