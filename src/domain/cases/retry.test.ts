import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Case } from "./case.ts";
import { isRetriedCreate } from "./retry.ts";

const existing = { title: "Order lost", requesterId: 7, trashedAt: null } as Case;

describe("isRetriedCreate", () => {
  test("the same requester and title (as stored, trimmed) is a resend", () => {
    assert.equal(isRetriedCreate(existing, { title: "  Order lost ", requesterId: 7 }), true);
  });

  test("another title, another requester, or a trashed case is a new case", () => {
    assert.equal(isRetriedCreate(existing, { title: "Order lost again", requesterId: 7 }), false);
    assert.equal(isRetriedCreate(existing, { title: "Order lost", requesterId: 8 }), false);
    assert.equal(isRetriedCreate(existing, { title: "Order lost" }), false);
    assert.equal(
      isRetriedCreate({ ...existing, trashedAt: new Date() }, { title: "Order lost", requesterId: 7 }),
      false,
    );
  });
});
