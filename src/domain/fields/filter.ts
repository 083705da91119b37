/** Reading a list filter on a custom field (`customFields.order_no=991`) as the value the field stores. */
import { type FieldError, invalid, ok, type Result } from "../errors.ts";
import type { FieldDefinition } from "./definition.ts";

/** Stored values a filter matches by containment: a multi-select matches when it holds the value. */
function storedValue(definition: FieldDefinition, raw: string): unknown | undefined {
  switch (definition.type) {
    case "integer":
      return /^-?\d{1,15}$/.test(raw) ? Number(raw) : undefined;
    case "decimal":
      return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case "checkbox":
      return raw === "true" ? true : raw === "false" ? false : undefined;
    case "multi_select":
      return [raw];
    // A heading holds nothing to match, and a data object is matched as a whole by no query-string value.
    case "heading":
    case "json":
      return undefined;
    default:
      return raw;
  }
}

const EXPECTED: Partial<Record<FieldDefinition["type"], string>> = {
  integer: "a whole number",
  decimal: "a number",
  checkbox: "true or false",
  heading: "a field that holds a value (a heading holds none)",
  json: "a field that holds text, numbers or choices (a data object cannot be filtered on)",
};

/**
 * The containment object for `raw` filters (field key → query-string value). A key that names no field the
 * caller may see, or a value the field's type cannot hold, is a validation error naming the parameter.
 * The filter is a list's query, so its errors name the query-string parameter rather than a model field.
 */
export function fieldFilter(
  visible: readonly FieldDefinition[],
  raw: Record<string, string>,
): Result<Record<string, unknown>> {
  const byKey = new Map(visible.map((definition) => [definition.key, definition]));
  const errors: FieldError[] = [];
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // The query parameter as sent: `customFields.<key>` is one name in the query string.
    const at = { path: [`customFields.${key}`], in: "querystring" } as const;
    const definition = byKey.get(key);
    if (!definition) {
      errors.push({ ...at, message: "is not a defined case field" });
      continue;
    }
    const stored = storedValue(definition, value);
    if (stored === undefined) errors.push({ ...at, message: `must be ${EXPECTED[definition.type]}` });
    else filter[key] = stored;
  }
  return errors.length ? invalid(errors) : ok(filter);
}
