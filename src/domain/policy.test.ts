import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ACCOUNT_TYPES, type AccountType, type Actor, SCOPES, type Scope } from "./access.ts";
import { CLIENT_SCOPES, type ClientScope } from "./oauth/scopes.ts";
import {
  ACTIONS,
  type Action,
  can,
  canSee,
  ownAccountOnly,
  permissions,
  refusal,
  type Subject,
} from "./policy.ts";

const actor = (accountType: AccountType, scopes: Scope[]): Actor => ({
  workspaceId: 1,
  userId: 7,
  label: "someone@example.com",
  accountId: 3,
  accountType,
  scopes,
  context: {},
});

/**
 * The whole table, written out: for each action, the scope it needs and whether only operations users may
 * take it. A change to the policy must change this table too.
 */
const EXPECTED: Record<Action, [Scope, "everyone" | "operations"]> = {
  "case.read": ["cases:read", "everyone"],
  "case.create": ["cases:write", "everyone"],
  "case.update": ["cases:write", "everyone"],
  "case.trash": ["cases:write", "everyone"],
  "case.restore": ["cases:write", "everyone"],
  "case.import": ["admin", "operations"],
  "case.history": ["cases:read", "operations"],
  "case.flag_awaiting": ["cases:write", "operations"],
  "case.move_account": ["cases:write", "operations"],
  "entry.add": ["cases:write", "everyone"],
  "entry.edit": ["cases:write", "everyone"],
  "entry.internal": ["cases:read", "operations"],
  "contact.read": ["cases:read", "everyone"],
  "contact.write": ["cases:write", "everyone"],
  "directory.read": ["cases:read", "everyone"],
  "directory.manage": ["admin", "operations"],
  "queue.internal": ["cases:read", "operations"],
  "field.hidden": ["cases:read", "operations"],
  "field.readonly": ["admin", "operations"],
  "field.read": ["cases:read", "everyone"],
  "form.read": ["cases:read", "everyone"],
  "form.manage": ["admin", "operations"],
  "key.manage": ["admin", "operations"],
  "workspace.read": ["cases:read", "everyone"],
  "workspace.manage": ["admin", "operations"],
  "webhook.manage": ["admin", "operations"],
  "event.stream": ["cases:read", "everyone"],
};

describe("the access policy, every action × account type × scope", () => {
  for (const action of ACTIONS)
    for (const accountType of ACCOUNT_TYPES)
      for (const scope of SCOPES)
        test(`${action} for a ${accountType} user with ${scope}`, () => {
          const [needed, who] = EXPECTED[action];
          const scoped = scope === "admin" || scope === needed;
          const allowed = scoped && (who === "everyone" || accountType === "operations");
          assert.equal(can(actor(accountType, [scope]), action), allowed);
          if (!allowed) {
            const why = refusal(actor(accountType, [scope]), action);
            assert.equal(why.code, "forbidden");
            assert.match(
              why.message,
              scoped ? /operations users only/ : new RegExp(`lacks the ${needed} scope`),
            );
          }
        });

  test("permissions lists exactly the actions can allows", () => {
    for (const accountType of ACCOUNT_TYPES) {
      const someone = actor(accountType, ["cases:read", "cases:write"]);
      assert.deepEqual(
        permissions(someone),
        ACTIONS.filter((action) => can(someone, action)),
      );
    }
    assert.deepEqual(permissions(actor("operations", ["admin"])), [...ACTIONS]);
  });
});

describe("which records an actor can see", () => {
  const mine = 3;
  const theirs = 4;
  const subjects: [string, Subject, boolean][] = [
    ["a case of its own account", { type: "case", accountId: mine }, true],
    ["a case of another account", { type: "case", accountId: theirs }, false],
    ["a case of no account", { type: "case", accountId: null }, false],
    ["a contact of its own account", { type: "contact", accountId: mine }, true],
    ["a contact of another account", { type: "contact", accountId: theirs }, false],
    ["its own account", { type: "account", id: mine }, true],
    ["another account", { type: "account", id: theirs }, false],
    ["a user of its own account", { type: "user", accountId: mine }, true],
    ["a user of another account", { type: "user", accountId: theirs }, false],
    ["a public entry", { type: "entry", visibility: "public" }, true],
    ["an internal entry", { type: "entry", visibility: "internal" }, false],
    ["a public queue", { type: "queue", internal: false, ownerAccountId: null }, true],
    ["another account's internal queue", { type: "queue", internal: true, ownerAccountId: theirs }, false],
    ["an internal queue without an owner", { type: "queue", internal: true, ownerAccountId: null }, false],
    ["its own account's internal queue", { type: "queue", internal: true, ownerAccountId: mine }, true],
    ["a field shown to reporters", { type: "field", hidden: false, visibleToReporter: true }, true],
    ["a field kept from reporters", { type: "field", hidden: false, visibleToReporter: false }, false],
    ["a hidden field", { type: "field", hidden: true, visibleToReporter: true }, false],
    ["a published form", { type: "form", status: "published" }, true],
    ["a draft form", { type: "form", status: "draft" }, false],
    ["an unpublished form", { type: "form", status: "unpublished" }, false],
  ];
  for (const [what, subject, outsiderSees] of subjects) {
    test(`${what}: operations see it; client and vendor users ${outsiderSees ? "too" : "do not"}`, () => {
      assert.equal(canSee(actor("operations", ["cases:read"]), subject), true);
      assert.equal(canSee(actor("client", ["cases:read"]), subject), outsiderSees);
      assert.equal(canSee(actor("vendor", ["cases:read"]), subject), outsiderSees);
    });
  }

  test("a subject narrows can: the action's rule and the record must both allow it", () => {
    const client = actor("client", ["cases:read"]);
    assert.equal(can(client, "case.read", { type: "case", accountId: 3 }), true);
    assert.equal(can(client, "case.read", { type: "case", accountId: 4 }), false);
    assert.equal(can(client, "case.update", { type: "case", accountId: 3 }), false);
  });

  test("reads of outsiders are confined to their own account", () => {
    assert.equal(ownAccountOnly(actor("operations", ["cases:read"])), null);
    assert.equal(ownAccountOnly(actor("client", ["cases:read"])), 3);
    assert.equal(ownAccountOnly(actor("vendor", ["cases:read"])), 3);
  });
});

describe("access tokens: client scopes grant the actions their Talkdesk endpoints take", () => {
  const token = (scopes: ClientScope[]) => ({ ...actor("operations", []), scopes });
  test("each client scope grants its actions and nothing native", () => {
    assert.ok(can(token(["cases-public:read"]), "case.read"));
    assert.ok(!can(token(["cases-public:read"]), "case.update"));
    assert.ok(can(token(["cases-public:write"]), "case.update"));
    assert.ok(can(token(["cases-public:write"]), "case.trash"));
    assert.ok(can(token(["cases-public:write"]), "entry.add"));
    assert.ok(!can(token(["cases-public:write"]), "entry.edit"));
    assert.ok(can(token(["case-notes-public:write"]), "entry.edit"));
    assert.ok(can(token(["case-fields-public:read"]), "field.read"));
    assert.ok(!can(token(["case-fields-public:read"]), "case.read"));
    for (const action of [
      "key.manage",
      "directory.manage",
      "workspace.manage",
      "case.import",
      "case.restore",
    ] as const)
      assert.ok(!can(token([...CLIENT_SCOPES]), action), action);
    assert.match(
      refusal(token(["cases-public:read"]), "entry.edit").message,
      /lacks the case-notes-public:write scope/,
    );
  });
});
