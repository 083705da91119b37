/** Pure tests of custom field definitions: key format and options that fit the type. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FieldError } from "../errors.ts";
import { checkDefinition, FIELD_TYPES, type FieldOption, type FieldType } from "./definition.ts";

const OPTION_TYPES = ["select", "multi_select", "dependent_select"] as const;
const PLAIN_TYPES = [
  "text",
  "textarea",
  "checkbox",
  "date",
  "integer",
  "decimal",
  "email",
  "heading",
  "json",
] as const;
const TWO = [
  { value: "a", label: "A" },
  { value: "b", label: "B" },
];

type Extra = { required?: boolean; widget?: "choice" | null };

function errorsOf(
  key: string,
  type: FieldType,
  options: FieldOption[] = [],
  extra: Extra = {},
): FieldError[] {
  const result = checkDefinition({ key, type, options, required: false, widget: null, ...extra });
  if (result.ok) assert.fail(`expected ${key}/${type} to be rejected`);
  assert.equal(result.error.code, "validation_failed");
  return result.error.fields ?? [];
}

function accepts(key: string, type: FieldType, options: FieldOption[] = [], extra: Extra = {}): void {
  const result = checkDefinition({ key, type, options, required: false, widget: null, ...extra });
  assert.ok(result.ok, result.ok ? "" : result.error.message);
  assert.equal(result.value, true);
}

describe("checkDefinition: keys", () => {
  test("the type list has the twelve field types", () => {
    assert.deepEqual([...FIELD_TYPES].sort(), [...OPTION_TYPES, ...PLAIN_TYPES].sort());
  });

  for (const key of ["a", "category", "Priority_Level", "x1", `k${"a".repeat(63)}`]) {
    test(`accepts key ${key.slice(0, 20)}`, () => accepts(key, "text"));
  }

  for (const key of [
    "",
    "1abc",
    "_hidden",
    "with-dash",
    "with space",
    "dotted.key",
    "ünï",
    `k${"a".repeat(64)}`,
  ]) {
    test(`rejects key ${JSON.stringify(key.slice(0, 20))}`, () => {
      assert.deepEqual(errorsOf(key, "text"), [
        { path: ["key"], message: "must start with a letter and hold only letters, digits and _" },
      ]);
    });
  }
});

describe("checkDefinition: options", () => {
  for (const type of OPTION_TYPES) {
    test(`${type} needs options`, () => {
      assert.deepEqual(errorsOf("f", type), [
        { path: ["options"], message: `a ${type} field needs options` },
      ]);
      accepts("f", type, TWO);
    });

    test(`${type} option values must be unique`, () => {
      assert.deepEqual(errorsOf("f", type, [...TWO, { value: "a", label: "Again" }]), [
        { path: ["options", 2, "value"], message: "option values must be unique" },
      ]);
    });
  }

  for (const type of PLAIN_TYPES) {
    test(`${type} takes no options`, () => {
      accepts("f", type);
      assert.deepEqual(errorsOf("f", type, TWO), [
        { path: ["options"], message: `a ${type} field takes no options` },
      ]);
    });
  }

  for (const type of ["select", "multi_select"] as const) {
    test(`${type} options do not nest`, () => {
      const nested = [{ value: "a", label: "A", children: [{ value: "a1", label: "A1" }] }];
      assert.deepEqual(errorsOf("f", type, nested), [
        { path: ["options", 0, "children"], message: "only dependent_select options nest" },
      ]);
      accepts("f", type, [{ value: "a", label: "A", children: [] }]);
    });
  }

  test("a dependent_select option tree is accepted, and values may repeat across branches", () => {
    accepts("product", "dependent_select", [
      {
        value: "hardware",
        label: "Hardware",
        children: [
          { value: "printer", label: "Printer", children: [{ value: "other", label: "Other" }] },
          { value: "other", label: "Other" },
        ],
      },
      { value: "software", label: "Software", children: [{ value: "other", label: "Other" }] },
    ]);
  });

  test("duplicates deep in a dependent_select tree are named by their path", () => {
    const tree = [
      {
        value: "hardware",
        label: "Hardware",
        children: [
          {
            value: "printer",
            label: "Printer",
            children: [
              { value: "laser", label: "Laser" },
              { value: "laser", label: "Laser again" },
            ],
          },
          { value: "printer", label: "Printer again" },
        ],
      },
    ];
    assert.deepEqual(
      errorsOf("product", "dependent_select", tree).map((e) => e.path.join(".")),
      ["options.0.children.0.children.1.value", "options.0.children.1.value"],
    );
  });

  test("every problem is reported at once", () => {
    assert.deepEqual(
      errorsOf("9lives", "select").map((e) => e.path.join(".")),
      ["key", "options"],
    );
  });
});

describe("checkDefinition: choices and headings", () => {
  for (const type of ["select", "multi_select"] as const)
    test(`a ${type} may be shown as choices`, () => accepts("f", type, TWO, { widget: "choice" }));

  for (const type of ["text", "dependent_select", "checkbox"] as const)
    test(`a ${type} is not shown as choices`, () => {
      const options = type === "dependent_select" ? TWO : [];
      assert.deepEqual(errorsOf("f", type, options, { widget: "choice" }), [
        { path: ["widget"], message: "only select and multi_select fields are shown as choices" },
      ]);
    });

  test("a heading cannot be required; other fields can", () => {
    assert.deepEqual(errorsOf("f", "heading", [], { required: true }), [
      { path: ["required"], message: "a heading holds no value, so it cannot be required" },
    ]);
    accepts("f", "email", [], { required: true });
  });
});
