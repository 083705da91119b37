/** Validates custom field values against their definitions on every write. */
import { isEmailAddress } from "../email.ts";
import { type FieldError, type FieldPath, invalid, ok, type Result } from "../errors.ts";
import type { FieldDefinition, FieldOption } from "./definition.ts";

export type FieldValues = Record<string, unknown>;

const TEXT_LIMIT = 1_000;
const TEXTAREA_LIMIT = 65_535;
const EMAIL_LIMIT = 320;
/** A data object is stored whole in the case's row: as JSON text, it holds as much as a text area. */
const JSON_LIMIT = 65_535;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export interface ValuesContext {
  /** Writes that create the object must provide every required field. */
  creating: boolean;
  /** Administrators may write read-only fields. */
  mayWriteReadonly: boolean;
}

function isValidDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const day = value.slice(0, 10);
  const midnight = Date.parse(`${day}T00:00:00Z`);
  // Date.parse rolls impossible days over (2023-02-29 reads as 1 March), so the day must read back unchanged.
  return (
    !Number.isNaN(midnight) &&
    new Date(midnight).toISOString().startsWith(day) &&
    !Number.isNaN(Date.parse(value))
  );
}

function isPath(options: FieldOption[], path: unknown[]): boolean {
  let level: FieldOption[] | undefined = options;
  for (const step of path) {
    const found: FieldOption | undefined = level?.find((option) => option.value === step);
    if (!found) return false;
    level = found.children;
  }
  return true;
}

/** Returns an error message for one value, or null when it fits the definition. */
function checkValue(definition: FieldDefinition, value: unknown): string | null {
  const values = definition.options.map((option) => option.value);
  switch (definition.type) {
    case "text":
    case "textarea": {
      const limit = definition.type === "text" ? TEXT_LIMIT : TEXTAREA_LIMIT;
      if (typeof value !== "string") return "must be a string";
      return value.length > limit ? `must be at most ${limit} characters` : null;
    }
    case "checkbox":
      return typeof value === "boolean" ? null : "must be true or false";
    case "select":
      return typeof value === "string" && values.includes(value)
        ? null
        : `must be one of: ${values.join(", ")}`;
    case "multi_select":
      if (!Array.isArray(value)) return "must be an array of option values";
      if (new Set(value).size !== value.length) return "must not repeat a value";
      return value.every((item) => typeof item === "string" && values.includes(item))
        ? null
        : `every item must be one of: ${values.join(", ")}`;
    case "dependent_select":
      if (!Array.isArray(value) || value.length === 0) return "must be a non-empty array of option values";
      return isPath(definition.options, value)
        ? null
        : "must be a path of option values through the option tree";
    case "date":
      return typeof value === "string" && isValidDate(value)
        ? null
        : "must be an ISO 8601 date (2024-05-01) or date-time with a time zone";
    case "integer":
      return Number.isSafeInteger(value) ? null : "must be an integer";
    case "decimal":
      return typeof value === "number" && Number.isFinite(value) ? null : "must be a number";
    case "email":
      return typeof value === "string" && value.length <= EMAIL_LIMIT && isEmailAddress(value)
        ? null
        : "must be an email address";
    case "heading":
      return "is a heading, which holds no value";
    case "json":
      if (typeof value !== "object" || value === null || Array.isArray(value)) return "must be a JSON object";
      return JSON.stringify(value).length > JSON_LIMIT
        ? `must be at most ${JSON_LIMIT} characters as JSON`
        : null;
  }
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * Checks `changes` (key → value, null clears) against the active definitions, and returns the merged values.
 * Required fields must hold a value on create and can never be cleared.
 */
export function applyFieldValues(
  definitions: readonly FieldDefinition[],
  current: FieldValues,
  changes: FieldValues,
  context: ValuesContext,
  pathPrefix: FieldPath = ["customFields"],
): Result<FieldValues> {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const errors: FieldError[] = [];
  const next: FieldValues = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    const path = [...pathPrefix, key];
    const definition = byKey.get(key);
    if (!definition) {
      errors.push({ path, message: "is not a defined field" });
      continue;
    }
    // Sending back the value a field already has changes nothing, so a case read and sent back as a whole
    // (read-modify-write) passes, read-only and inactive fields included.
    if (key in current && JSON.stringify(current[key]) === JSON.stringify(value)) continue;
    if (!definition.active) {
      errors.push({ path, message: "is inactive and cannot be written" });
      continue;
    }
    if (definition.readonly && !context.mayWriteReadonly) {
      errors.push({ path, message: "is read-only" });
      continue;
    }
    if (isEmpty(value)) {
      if (definition.required) errors.push({ path, message: "is required" });
      else delete next[key];
      continue;
    }
    const problem = checkValue(definition, value);
    if (problem) errors.push({ path, message: problem });
    else next[key] = value;
  }
  if (context.creating) {
    for (const definition of definitions) {
      if (
        definition.active &&
        definition.required &&
        isEmpty(next[definition.key]) &&
        !(definition.key in changes)
      )
        errors.push({ path: [...pathPrefix, definition.key], message: "is required" });
    }
  }
  return errors.length ? invalid(errors) : ok(next);
}

/** The keys of required active fields that hold no value (a case cannot be resolved while any is missing). */
export function missingRequired(definitions: readonly FieldDefinition[], values: FieldValues): string[] {
  return definitions
    .filter((definition) => definition.active && definition.required && isEmpty(values[definition.key]))
    .map((definition) => definition.key);
}
