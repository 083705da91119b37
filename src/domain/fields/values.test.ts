/** Pure tests of custom field values: every type, clearing, required, inactive, read-only and unknown keys. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fieldDefinition } from "../../../test/factories.ts";
import type { FieldError, Result } from "../errors.ts";
import type { FieldDefinition, FieldType } from "./definition.ts";
import { applyFieldValues, type FieldValues, missingRequired, type ValuesContext } from "./values.ts";

const field = fieldDefinition;

const colours = [
  { value: "red", label: "Red" },
  { value: "green", label: "Green" },
  { value: "blue", label: "Blue" },
];

const DEFINITIONS: Record<FieldType, FieldDefinition> = {
  email: field("contact_email", "email"),
  heading: field("section", "heading"),
  json: field("payload", "json"),
  text: field("summary", "text"),
  textarea: field("notes", "textarea"),
  checkbox: field("vip", "checkbox"),
  select: field("colour", "select", { options: colours }),
  multi_select: field("colours", "multi_select", { options: colours }),
  dependent_select: field("product", "dependent_select", {
    options: [
      {
        value: "hardware",
        label: "Hardware",
        children: [
          {
            value: "printer",
            label: "Printer",
            children: [
              { value: "laser", label: "Laser" },
              { value: "inkjet", label: "Inkjet" },
            ],
          },
          { value: "laptop", label: "Laptop" },
        ],
      },
      {
        value: "software",
        label: "Software",
        children: [
          { value: "os", label: "Operating system" },
          { value: "office", label: "Office" },
        ],
      },
    ],
  }),
  date: field("due", "date"),
  integer: field("seats", "integer"),
  decimal: field("amount", "decimal"),
};

const ALL = Object.values(DEFINITIONS);
const UPDATE: ValuesContext = { creating: false, mayWriteReadonly: false };
const CREATE: ValuesContext = { creating: true, mayWriteReadonly: false };

function errorsOf(result: Result<FieldValues>): FieldError[] {
  if (result.ok) assert.fail(`expected errors, got ${JSON.stringify(result.value)}`);
  assert.equal(result.error.code, "validation_failed");
  return result.error.fields ?? [];
}

function valuesOf(result: Result<FieldValues>): FieldValues {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.message}`);
  return result.value;
}

const CASES: Record<FieldType, { valid: unknown[]; invalid: [unknown, string][] }> = {
  email: {
    valid: ["ann@example.com", "a.b+c@sub.example.org"],
    invalid: [
      ["ann", "must be an email address"],
      ["ann @example.com", "must be an email address"],
      [`${"a".repeat(310)}@example.com`, "must be an email address"],
      [42, "must be an email address"],
    ],
  },
  heading: {
    valid: [],
    invalid: [
      ["Section", "is a heading, which holds no value"],
      [true, "is a heading, which holds no value"],
    ],
  },
  json: {
    valid: [{ a: 1 }, { nested: { list: [1, "two"] } }, {}],
    invalid: [
      [[1, 2], "must be a JSON object"],
      ["{}", "must be a JSON object"],
      [3, "must be a JSON object"],
      [{ big: "x".repeat(65_536) }, "must be at most 65535 characters as JSON"],
    ],
  },
  text: {
    valid: ["hello", " ", "x".repeat(1000)],
    invalid: [
      [12, "must be a string"],
      [true, "must be a string"],
      [["a"], "must be a string"],
      [{ a: 1 }, "must be a string"],
      ["x".repeat(1001), "must be at most 1000 characters"],
    ],
  },
  textarea: {
    valid: ["line one\nline two", "x".repeat(65_535)],
    invalid: [
      [3.5, "must be a string"],
      ["x".repeat(65_536), "must be at most 65535 characters"],
    ],
  },
  checkbox: {
    valid: [true, false],
    invalid: [
      ["true", "must be true or false"],
      [1, "must be true or false"],
      [0, "must be true or false"],
    ],
  },
  select: {
    valid: ["red", "blue"],
    invalid: [
      ["purple", "must be one of: red, green, blue"],
      ["Red", "must be one of: red, green, blue"],
      [1, "must be one of: red, green, blue"],
      [["red"], "must be one of: red, green, blue"],
    ],
  },
  multi_select: {
    valid: [["red"], ["green", "blue"], ["blue", "red", "green"]],
    invalid: [
      ["red", "must be an array of option values"],
      [["red", "red"], "must not repeat a value"],
      [["red", "purple"], "every item must be one of: red, green, blue"],
      [[1], "every item must be one of: red, green, blue"],
    ],
  },
  dependent_select: {
    valid: [
      ["hardware", "printer", "laser"],
      ["hardware", "laptop"],
      ["software", "office"],
    ],
    invalid: [
      ["hardware", "must be a non-empty array of option values"],
      [{ hardware: "printer" }, "must be a non-empty array of option values"],
      [["printer"], "must be a path of option values through the option tree"],
      [["hardware", "office"], "must be a path of option values through the option tree"],
      [["hardware", "printer", "laser", "toner"], "must be a path of option values through the option tree"],
      [["software", "os", "linux"], "must be a path of option values through the option tree"],
      [["Hardware"], "must be a path of option values through the option tree"],
      [[1], "must be a path of option values through the option tree"],
    ],
  },
  date: {
    valid: [
      "2024-05-01",
      "2024-02-29",
      "2000-02-29",
      "2024-12-31",
      "2024-05-01T10:00Z",
      "2024-05-01T10:00:30Z",
      "2024-05-01T10:00:30.123Z",
      "2024-05-01T10:00:00+02:00",
      "2024-05-01T10:00:00-0530",
    ],
    invalid: [
      "2024-5-1",
      "01/05/2024",
      "May 1, 2024",
      "2024-05-01T10:00:00",
      "2024-05-01 10:00:00Z",
      "2024-13-01",
      "2024-00-10",
      "2024-05-32",
      "2024-02-30",
      "2023-02-29",
      "1900-02-29",
      "2024-04-31",
      "2024-05-01T25:00Z",
      "2024-05-01T10:61Z",
      "2024-05-01T10:00:00+25:00",
      20240501,
      true,
    ].map((value) => [value, "must be an ISO 8601 date (2024-05-01) or date-time with a time zone"]),
  },
  integer: {
    valid: [0, -5, 42, Number.MAX_SAFE_INTEGER],
    invalid: [
      [1.5, "must be an integer"],
      ["3", "must be an integer"],
      [2 ** 53, "must be an integer"],
      [Number.NaN, "must be an integer"],
      [true, "must be an integer"],
    ],
  },
  decimal: {
    valid: [0, 1.5, -2.25, 3, 1e-9],
    invalid: [
      ["1.5", "must be a number"],
      [Number.NaN, "must be a number"],
      [Number.POSITIVE_INFINITY, "must be a number"],
      [false, "must be a number"],
    ],
  },
};

describe("applyFieldValues: every type", () => {
  for (const [type, { valid, invalid }] of Object.entries(CASES) as [
    FieldType,
    (typeof CASES)[FieldType],
  ][]) {
    const definition = DEFINITIONS[type];
    describe(type, () => {
      for (const candidate of valid) {
        test(`accepts ${JSON.stringify(candidate).slice(0, 60)}`, () => {
          const result = applyFieldValues(ALL, {}, { [definition.key]: candidate }, UPDATE);
          assert.deepEqual(valuesOf(result), { [definition.key]: candidate });
        });
      }
      for (const [candidate, message] of invalid) {
        test(`rejects ${String(JSON.stringify(candidate)).slice(0, 60)}`, () => {
          const result = applyFieldValues(ALL, {}, { [definition.key]: candidate }, UPDATE);
          assert.deepEqual(errorsOf(result), [{ path: ["customFields", definition.key], message }]);
        });
      }
    });
  }
});

describe("applyFieldValues: merging and clearing", () => {
  const current = { summary: "old", colour: "red", seats: 3 };

  test("changes merge into the current values, which are left untouched", () => {
    const before = { ...current };
    const next = valuesOf(applyFieldValues(ALL, current, { summary: "new", vip: false }, UPDATE));
    assert.deepEqual(next, { summary: "new", colour: "red", seats: 3, vip: false });
    assert.deepEqual(current, before);
  });

  for (const empty of [null, undefined, "", []]) {
    test(`${JSON.stringify(empty) ?? "undefined"} clears an optional field`, () => {
      const next = valuesOf(applyFieldValues(ALL, current, { summary: empty, colour: null }, UPDATE));
      assert.deepEqual(next, { seats: 3 });
    });
  }

  test("clearing a field that holds no value is harmless", () => {
    assert.deepEqual(valuesOf(applyFieldValues(ALL, current, { due: null }, UPDATE)), current);
  });

  test("false and 0 are values, not blanks", () => {
    const next = valuesOf(applyFieldValues(ALL, {}, { vip: false, seats: 0, amount: 0 }, UPDATE));
    assert.deepEqual(next, { vip: false, seats: 0, amount: 0 });
  });

  test("every error is reported, each naming its field", () => {
    const errors = errorsOf(
      applyFieldValues(ALL, {}, { summary: 1, vip: "yes", seats: 1.5, ghost: 1 }, UPDATE),
    );
    assert.deepEqual(
      errors.map((e) => e.path.join(".")),
      ["customFields.summary", "customFields.vip", "customFields.seats", "customFields.ghost"],
    );
  });

  test("the path prefix is configurable", () => {
    const errors = errorsOf(applyFieldValues(ALL, {}, { seats: "x" }, UPDATE, ["fields"]));
    assert.deepEqual(errors, [{ path: ["fields", "seats"], message: "must be an integer" }]);
  });
});

describe("applyFieldValues: required, inactive, read-only and unknown fields", () => {
  const required = field("category", "select", { required: true, options: colours });
  const inactive = field("legacy", "text", { active: false });
  const inactiveRequired = field("retired", "text", { active: false, required: true });
  const locked = field("sla", "text", { readonly: true });
  const definitions = [required, inactive, inactiveRequired, locked];

  test("required fields must be given on create", () => {
    assert.deepEqual(errorsOf(applyFieldValues(definitions, {}, {}, CREATE)), [
      { path: ["customFields", "category"], message: "is required" },
    ]);
    assert.deepEqual(valuesOf(applyFieldValues(definitions, {}, { category: "red" }, CREATE)), {
      category: "red",
    });
  });

  test("a required field given blank on create is reported once", () => {
    for (const blank of [null, "", []]) {
      assert.deepEqual(errorsOf(applyFieldValues(definitions, {}, { category: blank }, CREATE)), [
        { path: ["customFields", "category"], message: "is required" },
      ]);
    }
  });

  test("a required field given an invalid value on create is reported once, for the value", () => {
    assert.deepEqual(errorsOf(applyFieldValues(definitions, {}, { category: "pink" }, CREATE)), [
      { path: ["customFields", "category"], message: "must be one of: red, green, blue" },
    ]);
  });

  test("updates need not repeat required fields", () => {
    assert.deepEqual(valuesOf(applyFieldValues(definitions, {}, {}, UPDATE)), {});
    assert.deepEqual(valuesOf(applyFieldValues(definitions, { category: "red" }, {}, UPDATE)), {
      category: "red",
    });
  });

  test("required fields cannot be cleared", () => {
    for (const blank of [null, "", []]) {
      assert.deepEqual(
        errorsOf(applyFieldValues(definitions, { category: "red" }, { category: blank }, UPDATE)),
        [{ path: ["customFields", "category"], message: "is required" }],
      );
    }
  });

  test("inactive fields cannot be written, even to clear them, and are never required", () => {
    for (const written of ["x", null]) {
      assert.deepEqual(errorsOf(applyFieldValues(definitions, {}, { legacy: written }, UPDATE)), [
        { path: ["customFields", "legacy"], message: "is inactive and cannot be written" },
      ]);
    }
    assert.deepEqual(valuesOf(applyFieldValues([inactiveRequired], {}, {}, CREATE)), {});
  });

  test("inactive values already stored are kept", () => {
    assert.deepEqual(
      valuesOf(applyFieldValues(definitions, { legacy: "kept" }, { category: "red" }, UPDATE)),
      {
        legacy: "kept",
        category: "red",
      },
    );
  });

  test("read-only fields need an administrator", () => {
    assert.deepEqual(errorsOf(applyFieldValues(definitions, {}, { sla: "gold" }, UPDATE)), [
      { path: ["customFields", "sla"], message: "is read-only" },
    ]);
    const admin = { creating: false, mayWriteReadonly: true };
    assert.deepEqual(valuesOf(applyFieldValues(definitions, {}, { sla: "gold" }, admin)), { sla: "gold" });
    assert.deepEqual(valuesOf(applyFieldValues(definitions, { sla: "gold" }, { sla: null }, admin)), {});
  });

  test("read-only values still go through type checks for administrators", () => {
    const admin = { creating: false, mayWriteReadonly: true };
    assert.deepEqual(errorsOf(applyFieldValues(definitions, {}, { sla: 7 }, admin)), [
      { path: ["customFields", "sla"], message: "must be a string" },
    ]);
  });

  test("unknown keys are errors naming the key", () => {
    assert.deepEqual(errorsOf(applyFieldValues(definitions, {}, { nope: "x", "weird.key": 1 }, UPDATE)), [
      { path: ["customFields", "nope"], message: "is not a defined field" },
      { path: ["customFields", "weird.key"], message: "is not a defined field" },
    ]);
  });
});

describe("missingRequired", () => {
  const definitions = [
    field("category", "select", { required: true, options: colours }),
    field("tags", "multi_select", { required: true, options: colours }),
    field("vip", "checkbox", { required: true }),
    field("seats", "integer", { required: true }),
    field("optional", "text"),
    field("retired", "text", { required: true, active: false }),
  ];

  test("lists required active fields without a value, in definition order", () => {
    assert.deepEqual(missingRequired(definitions, {}), ["category", "tags", "vip", "seats"]);
    assert.deepEqual(missingRequired(definitions, { category: "", tags: [], vip: null }), [
      "category",
      "tags",
      "vip",
      "seats",
    ]);
  });

  test("false and 0 count as values", () => {
    assert.deepEqual(
      missingRequired(definitions, { category: "red", tags: ["red"], vip: false, seats: 0 }),
      [],
    );
  });

  test("nothing is missing when no field is required", () => {
    assert.deepEqual(missingRequired([field("optional", "text")], {}), []);
  });
});
