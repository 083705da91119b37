/** Casework field definitions as Khoros object meta, and custom values to and from top-level properties. */
import type { Actor } from "../../domain/access.ts";
import { describe, Failure, type FieldError } from "../../domain/errors.ts";
import type { FieldDefinition, FieldObject, FieldType } from "../../domain/fields/definition.ts";
import { canSee } from "../../domain/policy.ts";

export type KhorosObject = "case" | "customer";

export const KHOROS_OBJECTS: Record<KhorosObject, FieldObject> = { case: "case", customer: "contact" };

/** The Casework types Khoros can show; the others (multi-select, dependent select, date, numbers) stay native. */
const KHOROS_TYPES: Partial<Record<FieldType, string>> = {
  text: "text",
  textarea: "textarea",
  select: "single_sel_list",
  checkbox: "checkbox",
};

/** A custom field named like a property Khoros already has would be ambiguous, so it is not declared. */
const RESERVED: Record<KhorosObject, readonly string[]> = {
  case: [
    "id",
    "number",
    "customerId",
    "title",
    "description",
    "url",
    "lastUpdated",
    "created",
    "status",
    "interactions",
  ],
  customer: ["id", "url", "name", "email", "phone"],
};

/** Customers' own facts, declared like fields (and searchable) so Khoros can show, write and search them. */
const CUSTOMER_BUILT_INS = [
  { name: "name", label: "Name", type: "text", searchable: true },
  { name: "email", label: "Email", type: "text", searchable: true },
  { name: "phone", label: "Phone", type: "text", searchable: true },
];

/** The custom fields Khoros sees: active, of a type it knows, not reserved, and visible to the key's user. */
export function declaredFields(
  object: KhorosObject,
  definitions: readonly FieldDefinition[],
  actor: Actor,
): FieldDefinition[] {
  return definitions.filter(
    (d) =>
      d.object === KHOROS_OBJECTS[object] &&
      d.active &&
      KHOROS_TYPES[d.type] !== undefined &&
      !RESERVED[object].includes(d.key) &&
      canSee(actor, { type: "field", hidden: d.hidden, visibleToReporter: d.visibleToReporter }),
  );
}

export function metaOf(object: KhorosObject, declared: readonly FieldDefinition[]) {
  return {
    name: object,
    fields: [
      ...(object === "customer" ? CUSTOMER_BUILT_INS : []),
      ...declared.map((d) => ({
        name: d.key,
        label: d.label,
        type: KHOROS_TYPES[d.type]!,
        searchable: d.searchable,
        ...(d.type === "select"
          ? { listValues: d.options.map((option) => ({ name: option.label, value: option.value })) }
          : {}),
      })),
    ],
  };
}

/** Declared values as top-level properties (unset fields are absent). */
export function customProperties(values: Record<string, unknown>, declared: readonly FieldDefinition[]) {
  return Object.fromEntries(
    declared
      .filter((d) => values[d.key] !== undefined && values[d.key] !== null)
      .map((d) => [d.key, values[d.key]]),
  );
}

/**
 * The custom field values among a body's top-level properties. Khoros documents custom values as strings, so a
 * checkbox also takes "true" / "false". A property that is neither known nor declared is refused, by name.
 */
export function customValues(
  body: Record<string, unknown>,
  known: readonly string[],
  declared: readonly FieldDefinition[],
): Record<string, unknown> {
  const byKey = new Map(declared.map((d) => [d.key, d]));
  const values: Record<string, unknown> = {};
  const undeclared: FieldError[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (known.includes(key)) continue;
    const definition = byKey.get(key);
    if (!definition)
      undeclared.push({ path: [key], message: "is not a field declared by /meta/object", in: "body" });
    else if (definition.type === "checkbox" && (value === "true" || value === "false"))
      values[key] = value === "true";
    else values[key] = value;
  }
  if (undeclared.length)
    throw new Failure({
      code: "validation_failed",
      message: describe(undeclared),
      fields: undeclared,
    });
  return values;
}
