import assert from "node:assert/strict";
import { test } from "node:test";
import { fieldDefinition } from "../../../test/factories.ts";
import { DEPENDENT_PATH as dependentPath, SEED_CUSTOM_FIELDS, SEED_FIELDS } from "../../../test/talkdesk.ts";
import type { Failure } from "../../domain/errors.ts";
import type { FieldType } from "../../domain/fields/definition.ts";
import { applyFieldValues } from "../../domain/fields/values.ts";
import { presentCustomFields, readCustomFields, TYPE_CODES } from "./custom-fields.ts";

const definitions = SEED_FIELDS.map((field) =>
  fieldDefinition(field.key, field.type as FieldType, { options: field.options ?? [] }),
);

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
  const seed = SEED_CUSTOM_FIELDS;

  const values = readCustomFields(definitions, seed, true);
  assert.equal(values.drop_down1, "001");
  assert.deepEqual(values.multi_select1, ["001", "002"]);
  assert.ok(applyFieldValues(definitions, {}, values, { creating: false, mayWriteReadonly: false }).ok);
  const notAPath = readCustomFields(
    definitions,
    { dependent_field1: { value: [dependentPath[0], dependentPath[2]] } },
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
