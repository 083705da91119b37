import assert from "node:assert/strict";
import { test } from "node:test";
import type { Failure } from "../../domain/errors.ts";
import { DEFINITION_DEFAULTS, type FieldDefinition, type FieldType } from "../../domain/fields/definition.ts";
import { applyFieldValues } from "../../domain/fields/values.ts";
import { presentCustomFields, readCustomFields, TYPE_CODES } from "./custom-fields.ts";

const at = new Date("2026-01-01T00:00:00Z");
const def = (key: string, type: FieldType, options: FieldDefinition["options"] = []): FieldDefinition => ({
  ...DEFINITION_DEFAULTS,
  id: 1,
  object: "case",
  key,
  label: key,
  type,
  options,
  revision: 1,
  createdAt: at,
  updatedAt: at,
});

const tree = [
  {
    value: "3a20c48f-3e33-49b0-af22-63eba6fa4cc3",
    label: "a",
    children: [
      {
        value: "bbb2a5e7-6190-4eb1-b889-ec37e0badd0b",
        label: "a1",
        children: [{ value: "e9e3c93a-1b28-489a-96fe-6b3e9ca60976", label: "a11" }],
      },
    ],
  },
];
const definitions = [
  def("checkbox1", "checkbox"),
  def("drop_down1", "select", [
    { value: "001", label: "test dw12" },
    { value: "1", label: "one" },
  ]),
  def("text1", "text"),
  def("dependent_field1", "dependent_select", tree),
  def("date1", "date"),
  def("numeric1", "integer"),
  def("decimal1", "decimal"),
  def("multi_line_text1", "textarea"),
  def("multi_select1", "multi_select", [
    { value: "001", label: "1111" },
    { value: "002", label: "2222" },
  ]),
];
const path = tree[0]!.children[0]!.children[0]!.value;
const dependentPath = [tree[0]!.value, tree[0]!.children[0]!.value, path];

test("create values come flat; dropdown1 and drop_down1 name one field; numbers stand for option values", () => {
  const values = readCustomFields(
    definitions,
    { checkbox1: true, dropdown1: 1, dependent_field1: dependentPath, numeric1: 1, multi_select1: ["002"] },
    false,
  );
  assert.deepEqual(values, {
    checkbox1: true,
    drop_down1: "1",
    dependent_field1: dependentPath,
    numeric1: 1,
    multi_select1: ["002"],
  });
  assert.ok(applyFieldValues(definitions, {}, values, { creating: true, mayWriteReadonly: false }).ok);
});

test("the seed's wrapped update values unwrap and validate; a value that is not a tree path is refused", () => {
  const seed = {
    checkbox1: { value: true },
    drop_down1: { label: "test dw12", value: "001" },
    text1: { value: "text desc" },
    dependent_field1: { label: ["a", "a1", "a11"], value: dependentPath },
    date1: { value: "2022-04-21T06:30:21Z" },
    numeric1: { value: 1 },
    decimal1: { value: 1.2 },
    multi_line_text1: { value: "Line1\\\\nLine2" },
    multi_select1: { label: ["1111", "2222"], value: ["001", "002"] },
  };
  const values = readCustomFields(definitions, seed, true);
  assert.equal(values.drop_down1, "001");
  assert.deepEqual(values.multi_select1, ["001", "002"]);
  assert.ok(applyFieldValues(definitions, {}, values, { creating: false, mayWriteReadonly: false }).ok);
  const notAPath = readCustomFields(
    definitions,
    { dependent_field1: { value: [tree[0]!.value, path] } },
    true,
  );
  const refused = applyFieldValues(definitions, {}, notAPath, { creating: false, mayWriteReadonly: false });
  assert.equal(refused.ok, false);
  assert.deepEqual(presentCustomFields(definitions, values), seed);
});

test("an update value that is not wrapped names the field", () => {
  assert.throws(
    () => readCustomFields(definitions, { text1: "bare", checkbox1: { value: false } }, true),
    (error: Failure) =>
      error.code === "validation_failed" && error.fields[0]?.path.join(".") === "customFields.text1",
  );
  assert.deepEqual(readCustomFields(definitions, { text1: null }, true), { text1: null });
});

test("every field type has a Talkdesk type code, distinct", () => {
  assert.equal(new Set(Object.values(TYPE_CODES)).size, Object.keys(TYPE_CODES).length);
  assert.equal(TYPE_CODES.select, "001");
  assert.equal(TYPE_CODES.dependent_select, "002");
});
