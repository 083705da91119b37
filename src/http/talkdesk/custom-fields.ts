/**
 * Talkdesk custom field values ⇄ Casework's: flat on create (`dropdown1: "001"`), wrapped on update
 * (`{value}`, `{label, value}`, `{label: [...], value: [...]}`), presented wrapped with labels. Values are
 * validated by the domain against the definitions; this only unwraps and renames.
 */
import { type FieldError, invalid, unwrap } from "../../domain/errors.ts";
import type { FieldDefinition, FieldOption, FieldType } from "../../domain/fields/definition.ts";

/** Talkdesk reports a field's type as a code; 001 and 002 are its own, the rest are Casework's. */
export const TYPE_CODES: Record<FieldType, string> = {
  select: "001",
  dependent_select: "002",
  text: "003",
  textarea: "004",
  checkbox: "005",
  date: "006",
  integer: "007",
  decimal: "008",
  multi_select: "009",
  email: "010",
  heading: "011",
  json: "012",
};

/** The create sample spells drop-downs `dropdown1`, the update sample and the fields list `drop_down1`. */
const otherSpelling = (key: string) =>
  /^dropdown/.test(key) ? key.replace(/^dropdown/, "drop_down") : key.replace(/^drop_down/, "dropdown");

export function definitionFor(
  definitions: readonly FieldDefinition[],
  key: string,
): FieldDefinition | undefined {
  return (
    definitions.find((definition) => definition.key === key) ??
    definitions.find((definition) => definition.key === otherSpelling(key))
  );
}

/** Numbers sent for option values (`dropdown1: 1` in a sample) mean the option value's text. */
function modelValue(definition: FieldDefinition | undefined, value: unknown): unknown {
  if (definition?.type === "select" && typeof value === "number") return String(value);
  if (
    (definition?.type === "multi_select" || definition?.type === "dependent_select") &&
    Array.isArray(value)
  )
    return value.map((item) => (typeof item === "number" ? String(item) : item));
  return value;
}

const WRAPPED =
  "must be {value} ({label, value} for a drop-down, {label: [...], value: [...]} for dependent and multi-select fields)";

/** Renames each key to its definition's and unwraps `{value}` when `wrapped`; unknown keys pass for the domain to refuse. */
export function readCustomFields(
  definitions: readonly FieldDefinition[],
  raw: Record<string, unknown>,
  wrapped: boolean,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, sent] of Object.entries(raw)) {
    const definition = definitionFor(definitions, key);
    const modelKey = definition?.key ?? key;
    if (!wrapped || sent === null) {
      values[modelKey] = modelValue(definition, sent);
      continue;
    }
    if (typeof sent !== "object" || Array.isArray(sent) || !("value" in sent)) {
      errors.push({ path: ["customFields", key], message: WRAPPED });
      continue;
    }
    values[modelKey] = modelValue(definition, (sent as { value: unknown }).value);
  }
  if (errors.length) unwrap(invalid(errors));
  return values;
}

const labelOf = (options: readonly FieldOption[], value: unknown) =>
  options.find((option) => option.value === value)?.label ?? String(value);

function pathLabels(options: readonly FieldOption[], path: readonly unknown[]): string[] {
  const labels: string[] = [];
  let level: readonly FieldOption[] = options;
  for (const step of path) {
    const found = level.find((option) => option.value === step);
    labels.push(found?.label ?? String(step));
    level = found?.children ?? [];
  }
  return labels;
}

/** Values as an update sends them, labels filled in, so a client can send back what it read. */
export function presentCustomFields(
  definitions: readonly FieldDefinition[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const definition = definitions.find((d) => d.key === key);
    if (definition?.type === "select") shown[key] = { label: labelOf(definition.options, value), value };
    else if (definition?.type === "multi_select" && Array.isArray(value))
      shown[key] = { label: value.map((item) => labelOf(definition.options, item)), value };
    else if (definition?.type === "dependent_select" && Array.isArray(value))
      shown[key] = { label: pathLabels(definition.options, value), value };
    else shown[key] = { value };
  }
  return shown;
}
