import assert from "node:assert/strict";
import { test } from "node:test";
import type { Failure } from "../../domain/errors.ts";
import { DEFINITION_DEFAULTS, type FieldDefinition } from "../../domain/fields/definition.ts";
import { listItems, readListQuery } from "./list-query.ts";

const at = new Date(0);
const dropdown: FieldDefinition = {
  ...DEFINITION_DEFAULTS,
  id: 1,
  object: "case",
  key: "drop_down1",
  label: "Drop-down",
  type: "select",
  options: [{ value: "001", label: "one" }],
  revision: 1,
  createdAt: at,
  updatedAt: at,
};

test("list parameters arrive comma-separated, as JSON arrays or as repeated keys", () => {
  assert.deepEqual(listItems("20808,20807"), ["20808", "20807"]);
  assert.deepEqual(listItems('["20808","20807"]'), ["20808", "20807"]);
  assert.deepEqual(listItems(["NEW", "OPEN"]), ["NEW", "OPEN"]);
  assert.deepEqual(listItems(['["Normal","High"]', "LOW"]), ["Normal", "High", "LOW"]);
  assert.deepEqual(listItems(undefined), []);
});

test("the sample queries read into one filter; enums in any case; ranges inclusive", () => {
  const read = readListQuery(
    {
      ids: '["20808","20807"]',
      status: ["Open", "ON-HOLD"],
      priority: '["Normal","High"]',
      type: '["Question","Incident"]',
      create_at: "[2024-01-01T00:00:00Z,2024-02-01T00:00:00Z]",
      requester_type: "agents",
      sort: "desc",
      order_by: "update_at",
      custom_fields: '[{"label":"dropdown1","value":1}]',
      page: 2,
      per_page: 10,
    },
    [dropdown],
  );
  assert.deepEqual(read.filter.numbers, [20808, 20807]);
  assert.deepEqual(read.filter.status, ["open", "on_hold"]);
  assert.deepEqual(read.filter.priority, ["normal", "high"]);
  assert.deepEqual(read.filter.type, ["question", "incident"]);
  assert.equal(read.filter.createdAfter?.toISOString(), "2024-01-01T00:00:00.000Z");
  assert.equal(read.filter.createdBefore?.toISOString(), "2024-02-01T00:00:00.001Z");
  assert.equal(read.filter.hasRequester, false);
  assert.deepEqual(read.filter.customFields, [{ drop_down1: "1" }]);
  assert.deepEqual(read.sort, { field: "updatedAt", direction: "desc" });
  assert.deepEqual([read.page, read.perPage], [2, 10]);
  const defaults = readListQuery({}, []);
  assert.deepEqual(defaults.sort, { field: "createdAt", direction: "desc" });
  assert.deepEqual([defaults.page, defaults.perPage], [1, 50]);
});

test("bad values name the parameter", () => {
  assert.throws(
    () =>
      readListQuery({ status: "DONE", create_at: "[yesterday,today]", sort: "up", order_by: "title" }, []),
    (error: Failure) =>
      error.fields
        .map((f) => f.path.join("."))
        .sort()
        .join() === "create_at,order_by,sort,status",
  );
  assert.throws(
    () => readListQuery({ custom_fields: '[{"label":"nope","value":1}]' }, []),
    (error: Failure) => error.fields[0]?.path[0] === "custom_fields",
  );
});
