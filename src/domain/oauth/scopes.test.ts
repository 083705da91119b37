import assert from "node:assert/strict";
import { test } from "node:test";
import { grantedScopes } from "./scopes.ts";

test("a token gets every held scope when none is asked for", () => {
  assert.deepEqual(grantedScopes(["cases-public:read", "cases-public:write"], undefined), [
    "cases-public:read",
    "cases-public:write",
  ]);
  assert.deepEqual(grantedScopes(["cases-public:read"], "  "), ["cases-public:read"]);
});

test("asked-for scopes narrow the grant and must all be held", () => {
  const held = ["cases-public:read", "cases-public:write"] as const;
  assert.deepEqual(grantedScopes(held, "cases-public:read cases-public:read"), ["cases-public:read"]);
  assert.equal(grantedScopes(held, "cases-public:read case-fields-public:read"), null);
  assert.equal(grantedScopes(held, "admin"), null);
});
