/** Pure tests of the case decisions: create, update (every from × to pair), auto-close and trash. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fieldDefinition } from "../../../test/factories.ts";
import type { DomainError, Result } from "../errors.ts";
import type { Case, CaseChanges } from "./case.ts";
import {
  type CaseRules,
  createdChanges,
  decideAutoClose,
  decideCreate,
  decideTrash,
  decideUpdate,
} from "./decide.ts";
import { STATUSES } from "./status.ts";

const T0 = new Date("2024-05-01T10:00:00.000Z");
const NOW = new Date("2024-05-02T12:00:00.000Z");

function aCase(overrides: Partial<Case> = {}): Case {
  return {
    workspaceId: 1,
    number: 42,
    title: "Printer on fire",
    description: "Smoke everywhere",
    status: "open",
    priority: "normal",
    type: null,
    parentNumber: null,
    queueId: 3,
    assigneeId: null,
    reporterId: 9,
    requesterId: null,
    accountId: null,
    resolution: null,
    solveReason: null,
    awaiting: false,
    queryPrompt: null,
    customFields: {},
    tags: ["printer"],
    revision: 4,
    createdAt: T0,
    updatedAt: T0,
    resolvedAt: null,
    closedAt: null,
    trashedAt: null,
    ...overrides,
  };
}

function rules(overrides: Partial<CaseRules> = {}): CaseRules {
  return {
    now: NOW,
    resolutionRequired: false,
    definitions: [],
    mayWriteReadonly: false,
    unknownReferences: [],
    ...overrides,
  };
}

const field = fieldDefinition;

const CATEGORY = field("category", "select", {
  required: true,
  options: [
    { value: "hardware", label: "Hardware" },
    { value: "software", label: "Software" },
  ],
});

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function error<T>(result: Result<T>): DomainError {
  if (result.ok) assert.fail("expected an error, got ok");
  return result.error;
}

const fieldsOf = (failure: DomainError) => (failure.fields ?? []).map((f) => f.path.join("."));

describe("decideUpdate: every from × to status pair", () => {
  for (const assigned of [false, true]) {
    describe(assigned ? "assigned" : "unassigned", () => {
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          test(`${from} → ${to}`, () => {
            const current = aCase({
              status: from,
              assigneeId: assigned ? 5 : null,
              resolvedAt: from === "resolved" || from === "closed" ? T0 : null,
              closedAt: from === "closed" ? T0 : null,
            });
            const result = decideUpdate(current, { status: to }, rules());
            if (from === "closed") {
              assert.equal(error(result).code, "case_closed");
            } else if (from === to) {
              const { next, changes } = value(result);
              assert.deepEqual(changes, []);
              assert.equal(next, current);
              assert.equal(next.revision, 4);
            } else if (to === "closed" || (to === "new" && assigned)) {
              const failure = error(result);
              assert.equal(failure.code, "invalid_transition");
              assert.deepEqual(fieldsOf(failure), ["status"]);
            } else {
              const { next, changes } = value(result);
              assert.equal(next.status, to);
              assert.deepEqual(changes, [{ field: "status", before: from, after: to }]);
              assert.equal(next.revision, 5);
              assert.equal(next.updatedAt, NOW);
              assert.equal(next.resolvedAt, to === "resolved" ? NOW : null);
              assert.equal(next.assigneeId, assigned ? 5 : null);
            }
          });
        }
      }
    });
  }
});

describe("decideUpdate: assignment", () => {
  test("assigning a new case opens it without an explicit status", () => {
    const { next, changes } = value(decideUpdate(aCase({ status: "new" }), { assigneeId: 5 }, rules()));
    assert.equal(next.status, "open");
    assert.equal(next.assigneeId, 5);
    assert.deepEqual(changes, [
      { field: "status", before: "new", after: "open" },
      { field: "assigneeId", before: null, after: 5 },
    ]);
  });

  test("an explicit status wins over the automatic open", () => {
    const { next } = value(
      decideUpdate(aCase({ status: "new" }), { assigneeId: 5, status: "pending" }, rules()),
    );
    assert.equal(next.status, "pending");
  });

  test("assigning a new case while asking for new is refused, as on create", () => {
    const failure = error(decideUpdate(aCase({ status: "new" }), { assigneeId: 5, status: "new" }, rules()));
    assert.equal(failure.code, "invalid_transition");
    assert.deepEqual(fieldsOf(failure), ["status"]);
  });

  test("assigning a case that is not new leaves its status alone", () => {
    for (const status of ["open", "pending", "on_hold"] as const) {
      const { next } = value(decideUpdate(aCase({ status }), { assigneeId: 5 }, rules()));
      assert.equal(next.status, status);
    }
  });

  test("unassigning an unresolved case returns it to new, unless the change names another status", () => {
    for (const status of ["open", "pending", "on_hold"] as const) {
      const current = aCase({ status, assigneeId: 5 });
      const back = value(decideUpdate(current, { assigneeId: null }, rules())).next;
      assert.equal(back.status, "new", status);
      assert.equal(back.assigneeId, null);
    }
    const asked = aCase({ status: "open", assigneeId: 5 });
    assert.equal(
      value(decideUpdate(asked, { assigneeId: null, status: "pending" }, rules())).next.status,
      "pending",
    );
    assert.equal(value(decideUpdate(asked, { assigneeId: null, status: "new" }, rules())).next.status, "new");
    const resolved = aCase({ status: "resolved", assigneeId: 5, resolvedAt: new Date(0) });
    assert.equal(value(decideUpdate(resolved, { assigneeId: null }, rules())).next.status, "resolved");
  });

  test("assigning while asking for new on an open case is an invalid transition", () => {
    const failure = error(decideUpdate(aCase({ status: "open" }), { assigneeId: 5, status: "new" }, rules()));
    assert.equal(failure.code, "invalid_transition");
  });
});

describe("decideUpdate: resolving", () => {
  test("resolving requires a resolution when the workspace says so", () => {
    const strict = rules({ resolutionRequired: true });
    for (const resolution of [undefined, null, "", "   "]) {
      const failure = error(decideUpdate(aCase(), { status: "resolved", resolution }, strict));
      assert.equal(failure.code, "validation_failed");
      assert.deepEqual(fieldsOf(failure), ["resolution"]);
    }
  });

  test("a resolution given with the change, or already on the case, satisfies the rule", () => {
    const strict = rules({ resolutionRequired: true });
    const given = value(decideUpdate(aCase(), { status: "resolved", resolution: "Replaced toner" }, strict));
    assert.equal(given.next.status, "resolved");
    assert.equal(given.next.resolution, "Replaced toner");
    const existing = value(decideUpdate(aCase({ resolution: "Rebooted" }), { status: "resolved" }, strict));
    assert.equal(existing.next.status, "resolved");
  });

  test("without the workspace rule, resolving needs no resolution", () => {
    assert.equal(value(decideUpdate(aCase(), { status: "resolved" }, rules())).next.status, "resolved");
  });

  test("resolving stamps resolvedAt with the decision time", () => {
    const { next, changes } = value(decideUpdate(aCase(), { status: "resolved" }, rules()));
    assert.equal(next.resolvedAt, NOW);
    assert.deepEqual(changes, [{ field: "status", before: "open", after: "resolved" }]);
  });

  test("leaving resolved clears resolvedAt and keeps the resolution text", () => {
    const current = aCase({ status: "resolved", resolvedAt: T0, resolution: "Rebooted" });
    for (const status of ["new", "open", "pending", "on_hold"] as const) {
      const { next } = value(decideUpdate(current, { status }, rules()));
      assert.equal(next.status, status);
      assert.equal(next.resolvedAt, null);
      assert.equal(next.resolution, "Rebooted");
    }
  });

  test("changing a resolved case without leaving resolved keeps resolvedAt", () => {
    const current = aCase({ status: "resolved", resolvedAt: T0 });
    const { next } = value(decideUpdate(current, { title: "Printer fixed" }, rules()));
    assert.equal(next.resolvedAt, T0);
    assert.equal(next.status, "resolved");
  });

  test("required custom fields without a value block resolving, naming each field", () => {
    const priorityField = field("impact", "integer", { required: true });
    const failure = error(
      decideUpdate(aCase(), { status: "resolved" }, rules({ definitions: [CATEGORY, priorityField] })),
    );
    assert.equal(failure.code, "validation_failed");
    assert.deepEqual(fieldsOf(failure), ["customFields.category", "customFields.impact"]);
  });

  test("required custom fields filled in the same change let the case resolve", () => {
    const { next } = value(
      decideUpdate(
        aCase(),
        { status: "resolved", customFields: { category: "hardware" } },
        rules({ definitions: [CATEGORY] }),
      ),
    );
    assert.equal(next.status, "resolved");
    assert.deepEqual(next.customFields, { category: "hardware" });
  });

  test("inactive required fields do not block resolving", () => {
    const inactive = { ...CATEGORY, active: false };
    const { next } = value(decideUpdate(aCase(), { status: "resolved" }, rules({ definitions: [inactive] })));
    assert.equal(next.status, "resolved");
  });
});

describe("decideUpdate: revisions and no-ops", () => {
  const same: [string, CaseChanges][] = [
    ["an empty change", {}],
    ["the same title", { title: "Printer on fire" }],
    ["the same title with padding", { title: "  Printer on fire  " }],
    ["the same status", { status: "open" }],
    ["the same tags before normalisation", { tags: [" PRINTER ", "printer"] }],
    ["the same queue", { queueId: 3 }],
  ];
  for (const [name, changes] of same) {
    test(`${name} yields no changes and keeps the revision`, () => {
      const current = aCase();
      const { next, changes: fieldChanges } = value(decideUpdate(current, changes, rules()));
      assert.deepEqual(fieldChanges, []);
      assert.equal(next, current);
      assert.equal(next.revision, 4);
      assert.equal(next.updatedAt, T0);
    });
  }

  test("the same custom field value is a no-op", () => {
    const current = aCase({ customFields: { category: "hardware" } });
    const result = value(
      decideUpdate(current, { customFields: { category: "hardware" } }, rules({ definitions: [CATEGORY] })),
    );
    assert.deepEqual(result.changes, []);
    assert.equal(result.next.revision, 4);
  });

  test("a change bumps the revision by one, stamps updatedAt and lists before/after", () => {
    const current = aCase();
    const { next, changes } = value(
      decideUpdate(current, { title: "Printer fixed", priority: "high", awaiting: true }, rules()),
    );
    assert.equal(next.revision, 5);
    assert.equal(next.updatedAt, NOW);
    assert.equal(next.createdAt, T0);
    assert.deepEqual(changes, [
      { field: "title", before: "Printer on fire", after: "Printer fixed" },
      { field: "priority", before: "normal", after: "high" },
      { field: "awaiting", before: false, after: true },
    ]);
    assert.equal(current.title, "Printer on fire", "the current case is not mutated");
    assert.equal(current.revision, 4);
  });

  test("clearing a nullable field records null as the after value", () => {
    const { next, changes } = value(decideUpdate(aCase(), { queueId: null }, rules()));
    assert.equal(next.queueId, null);
    assert.deepEqual(changes, [{ field: "queueId", before: 3, after: null }]);
  });
});

describe("decideUpdate: validation", () => {
  test("titles are trimmed", () => {
    assert.equal(value(decideUpdate(aCase(), { title: "  Jammed  " }, rules())).next.title, "Jammed");
  });

  test("blank titles and over-long texts are field errors", () => {
    const failure = error(
      decideUpdate(
        aCase(),
        { title: "   ", description: "d".repeat(100_001), resolution: "r".repeat(10_001) },
        rules(),
      ),
    );
    assert.equal(failure.code, "validation_failed");
    assert.deepEqual(fieldsOf(failure), ["title", "description", "resolution"]);
    assert.equal(failure.fields?.[0]?.message, "must not be empty");
  });

  test("a title of exactly the limit is accepted, one more is not", () => {
    assert.equal(value(decideUpdate(aCase(), { title: "t".repeat(500) }, rules())).next.title.length, 500);
    assert.deepEqual(fieldsOf(error(decideUpdate(aCase(), { title: "t".repeat(501) }, rules()))), ["title"]);
  });

  test("tags are trimmed, lower-cased, de-duplicated and blanks dropped", () => {
    const { next, changes } = value(
      decideUpdate(aCase(), { tags: [" VIP ", "vip", "", "  ", "Billing"] }, rules()),
    );
    assert.deepEqual(next.tags, ["vip", "billing"]);
    assert.deepEqual(changes, [{ field: "tags", before: ["printer"], after: ["vip", "billing"] }]);
  });

  test("too many tags, or a tag too long, is a tags error", () => {
    const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
    assert.deepEqual(fieldsOf(error(decideUpdate(aCase(), { tags: many }, rules()))), ["tags"]);
    assert.deepEqual(fieldsOf(error(decideUpdate(aCase(), { tags: ["x".repeat(101)] }, rules()))), ["tags"]);
  });

  test("unknown references become field errors naming each field", () => {
    const failure = error(
      decideUpdate(
        aCase(),
        { queueId: 77, assigneeId: 88 },
        rules({ unknownReferences: ["queueId", "assigneeId"] }),
      ),
    );
    assert.equal(failure.code, "validation_failed");
    assert.deepEqual(failure.fields, [
      { path: ["queueId"], message: "refers to a record that does not exist" },
      { path: ["assigneeId"], message: "refers to a record that does not exist" },
    ]);
  });

  test("a case cannot be its own parent", () => {
    assert.deepEqual(fieldsOf(error(decideUpdate(aCase(), { parentNumber: 42 }, rules()))), ["parentNumber"]);
    assert.equal(value(decideUpdate(aCase(), { parentNumber: 41 }, rules())).next.parentNumber, 41);
  });

  test("a parent that is one of the case's subcases is refused with its own message", () => {
    const failure = error(decideUpdate(aCase(), { parentNumber: 43 }, rules({ parentCycle: true })));
    assert.deepEqual(failure.fields, [
      { path: ["parentNumber"], message: "is a subcase of this case; the parent chain would loop" },
    ]);
  });

  test("field errors from every source are reported together", () => {
    const failure = error(
      decideUpdate(
        aCase(),
        { title: "", customFields: { nope: 1 } },
        rules({ unknownReferences: ["requesterId"] }),
      ),
    );
    assert.deepEqual(fieldsOf(failure), ["requesterId", "title", "customFields.nope"]);
  });

  test("custom field values are validated and merged into the current ones", () => {
    const count = field("count", "integer");
    const current = aCase({ customFields: { category: "hardware" } });
    const merged = value(
      decideUpdate(current, { customFields: { count: 3 } }, rules({ definitions: [CATEGORY, count] })),
    );
    assert.deepEqual(merged.next.customFields, { category: "hardware", count: 3 });
    assert.deepEqual(merged.changes, [
      { field: "customFields", before: { category: "hardware" }, after: { category: "hardware", count: 3 } },
    ]);
    const bad = error(
      decideUpdate(current, { customFields: { count: "3" } }, rules({ definitions: [count] })),
    );
    assert.deepEqual(bad.fields, [{ path: ["customFields", "count"], message: "must be an integer" }]);
  });

  test("read-only custom fields need an administrator", () => {
    const locked = field("sla", "text", { readonly: true });
    const denied = error(
      decideUpdate(aCase(), { customFields: { sla: "gold" } }, rules({ definitions: [locked] })),
    );
    assert.deepEqual(fieldsOf(denied), ["customFields.sla"]);
    const admin = rules({ definitions: [locked], mayWriteReadonly: true });
    assert.deepEqual(
      value(decideUpdate(aCase(), { customFields: { sla: "gold" } }, admin)).next.customFields,
      {
        sla: "gold",
      },
    );
  });

  test("closed cases accept no change at all", () => {
    const closed = aCase({ status: "closed", resolvedAt: T0, closedAt: T0 });
    assert.equal(error(decideUpdate(closed, { title: "x" }, rules())).code, "case_closed");
    assert.equal(error(decideUpdate(closed, {}, rules())).code, "case_closed");
  });

  test("trashed cases must be restored first; closed wins over trashed", () => {
    assert.equal(error(decideUpdate(aCase({ trashedAt: T0 }), { title: "x" }, rules())).code, "case_trashed");
    const both = aCase({ status: "closed", closedAt: T0, trashedAt: T0 });
    assert.equal(error(decideUpdate(both, { title: "x" }, rules())).code, "case_closed");
  });
});

describe("decideCreate", () => {
  test("fills defaults and starts at revision 1", () => {
    const created = value(decideCreate({ title: "Printer on fire" }, rules()));
    assert.deepEqual(created, {
      title: "Printer on fire",
      description: "",
      status: "new",
      priority: "normal",
      type: null,
      parentNumber: null,
      queueId: null,
      assigneeId: null,
      reporterId: null,
      requesterId: null,
      accountId: null,
      resolution: null,
      solveReason: null,
      awaiting: false,
      queryPrompt: null,
      customFields: {},
      tags: [],
      revision: 1,
      createdAt: NOW,
      updatedAt: NOW,
      resolvedAt: null,
      closedAt: null,
      trashedAt: null,
    });
  });

  test("an assigned new case starts open", () => {
    assert.equal(value(decideCreate({ title: "t", assigneeId: 5 }, rules())).status, "open");
  });

  for (const status of ["new", "open", "pending", "on_hold", "resolved"] as const) {
    test(`an explicit ${status} status is honoured on an unassigned case`, () => {
      assert.equal(value(decideCreate({ title: "t", status }, rules())).status, status);
    });
  }

  for (const status of ["open", "pending", "on_hold", "resolved"] as const) {
    test(`an explicit ${status} status is honoured on an assigned case`, () => {
      assert.equal(value(decideCreate({ title: "t", status, assigneeId: 5 }, rules())).status, status);
    });
  }

  test("an assigned case cannot be created as new", () => {
    const failure = error(decideCreate({ title: "t", status: "new", assigneeId: 5 }, rules()));
    assert.equal(failure.code, "validation_failed");
    assert.deepEqual(failure.fields, [
      { path: ["status"], message: "new requires the case to be unassigned" },
    ]);
  });

  test("a case cannot be created closed: the same lifecycle refusal as closing it by hand", () => {
    const failure = error(decideCreate({ title: "t", status: "closed" }, rules()));
    assert.equal(failure.code, "invalid_transition");
    assert.deepEqual(fieldsOf(failure), ["status"]);
    const byHand = error(decideUpdate(aCase(), { status: "closed" }, rules()));
    assert.deepEqual(failure, byHand);
  });

  test("creating resolved stamps resolvedAt and obeys the resolution rule", () => {
    assert.equal(value(decideCreate({ title: "t", status: "resolved" }, rules())).resolvedAt, NOW);
    const strict = rules({ resolutionRequired: true });
    assert.deepEqual(fieldsOf(error(decideCreate({ title: "t", status: "resolved" }, strict))), [
      "resolution",
    ]);
    const created = value(decideCreate({ title: "t", status: "resolved", resolution: "Done" }, strict));
    assert.equal(created.resolution, "Done");
    assert.equal(created.resolvedAt, NOW);
  });

  test("an unresolved creation has no resolvedAt even when the workspace requires resolutions", () => {
    const created = value(decideCreate({ title: "t" }, rules({ resolutionRequired: true })));
    assert.equal(created.resolvedAt, null);
  });

  test("titles are trimmed; blank or over-long titles are errors", () => {
    assert.equal(value(decideCreate({ title: "  Jammed\n" }, rules())).title, "Jammed");
    for (const title of ["", "   ", "t".repeat(501)]) {
      const failure = error(decideCreate({ title }, rules()));
      assert.equal(failure.code, "validation_failed");
      assert.deepEqual(fieldsOf(failure), ["title"]);
    }
  });

  test("tags are normalised", () => {
    assert.deepEqual(value(decideCreate({ title: "t", tags: ["A", " a ", "", "B"] }, rules())).tags, [
      "a",
      "b",
    ]);
  });

  test("unknown references become field errors naming the field", () => {
    const failure = error(
      decideCreate(
        { title: "t", parentNumber: 9, accountId: 4 },
        rules({ unknownReferences: ["parentNumber", "accountId"] }),
      ),
    );
    assert.deepEqual(fieldsOf(failure), ["parentNumber", "accountId"]);
    assert.equal(failure.fields?.[0]?.message, "refers to a record that does not exist");
  });

  test("required custom fields must be given on create", () => {
    const failure = error(decideCreate({ title: "t" }, rules({ definitions: [CATEGORY] })));
    assert.deepEqual(failure.fields, [{ path: ["customFields", "category"], message: "is required" }]);
    const created = value(
      decideCreate(
        { title: "t", customFields: { category: "software" } },
        rules({ definitions: [CATEGORY] }),
      ),
    );
    assert.deepEqual(created.customFields, { category: "software" });
  });

  test("invalid and unknown custom fields are named", () => {
    const failure = error(
      decideCreate(
        { title: "t", customFields: { category: "food", ghost: 1 } },
        rules({ definitions: [CATEGORY] }),
      ),
    );
    assert.deepEqual(fieldsOf(failure), ["customFields.category", "customFields.ghost"]);
  });
});

describe("createdChanges", () => {
  test("lists every audited field that holds a value, from null", () => {
    const created = aCase({ tags: [], customFields: { category: "hardware" }, assigneeId: 5 });
    const changes = createdChanges(created);
    assert.deepEqual(
      changes.map((c) => c.field),
      [
        "title",
        "description",
        "status",
        "priority",
        "queueId",
        "assigneeId",
        "reporterId",
        "awaiting",
        "customFields",
      ],
    );
    assert.ok(changes.every((c) => c.before === null));
    assert.deepEqual(
      changes.find((c) => c.field === "status"),
      { field: "status", before: null, after: "open" },
    );
  });
});

describe("decideAutoClose", () => {
  const resolved = aCase({ status: "resolved", resolvedAt: T0, assigneeId: 5 });
  const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

  test("does nothing before the delay has passed", () => {
    assert.equal(decideAutoClose(resolved, at(3599), 3600), null);
    assert.equal(decideAutoClose(resolved, T0, 3600), null);
  });

  test("closes once the delay has passed, as a new revision", () => {
    for (const now of [at(3600), at(86_400)]) {
      const update = decideAutoClose(resolved, now, 3600);
      assert.ok(update);
      assert.equal(update.next.status, "closed");
      assert.equal(update.next.closedAt, now);
      assert.equal(update.next.updatedAt, now);
      assert.equal(update.next.revision, 5);
      assert.equal(update.next.resolvedAt, T0);
      assert.deepEqual(update.changes, [{ field: "status", before: "resolved", after: "closed" }]);
    }
  });

  test("never closes when the delay is 0 (or negative)", () => {
    assert.equal(decideAutoClose(resolved, at(10 * 365 * 86_400), 0), null);
    assert.equal(decideAutoClose(resolved, at(10 * 365 * 86_400), -1), null);
  });

  test("only resolved cases with a resolvedAt are closed", () => {
    for (const status of ["new", "open", "pending", "on_hold", "closed"] as const)
      assert.equal(decideAutoClose(aCase({ status, resolvedAt: T0 }), at(86_400), 60), null, status);
    assert.equal(decideAutoClose(aCase({ status: "resolved", resolvedAt: null }), at(86_400), 60), null);
  });
});

describe("decideTrash", () => {
  test("trashing stamps trashedAt and bumps the revision", () => {
    const { next, changes } = value(decideTrash(aCase(), NOW, true));
    assert.equal(next.trashedAt, NOW);
    assert.equal(next.updatedAt, NOW);
    assert.equal(next.revision, 5);
    assert.deepEqual(changes, [{ field: "trashedAt", before: null, after: NOW.toISOString() }]);
  });

  test("restoring clears trashedAt", () => {
    const { next, changes } = value(decideTrash(aCase({ trashedAt: T0 }), NOW, false));
    assert.equal(next.trashedAt, null);
    assert.equal(next.revision, 5);
    assert.deepEqual(changes, [{ field: "trashedAt", before: T0.toISOString(), after: null }]);
  });

  test("trashing twice or restoring an untrashed case fails with its own code", () => {
    assert.equal(error(decideTrash(aCase({ trashedAt: T0 }), NOW, true)).code, "case_trashed");
    assert.equal(error(decideTrash(aCase(), NOW, false)).code, "case_not_trashed");
  });

  test("closed cases may still be trashed", () => {
    const closed = aCase({ status: "closed", resolvedAt: T0, closedAt: T0 });
    const { next } = value(decideTrash(closed, NOW, true));
    assert.equal(next.trashedAt, NOW);
    assert.equal(next.status, "closed");
  });
});

describe("disabled queues", () => {
  const disabled = rules({ disabledQueueIds: [9] });

  test("a case cannot be created in a disabled queue", () => {
    const result = decideCreate({ title: "t", queueId: 9 }, disabled);
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.deepEqual(
        result.error.fields?.map((f) => f.path.join(".")),
        ["queueId"],
      );
    assert.equal(decideCreate({ title: "t", queueId: 8 }, disabled).ok, true);
  });

  test("a case cannot be transferred to a disabled queue, but a case already there stays changeable", () => {
    const moved = decideUpdate(aCase({ queueId: 8 }), { queueId: 9 }, disabled);
    assert.equal(moved.ok, false);
    if (!moved.ok)
      assert.deepEqual(
        moved.error.fields?.map((f) => f.path.join(".")),
        ["queueId"],
      );
    assert.equal(decideUpdate(aCase({ queueId: 9 }), { title: "renamed" }, disabled).ok, true);
  });
});
