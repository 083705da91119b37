/**
 * MPT parameter words ⇄ Casework field definitions: a parameter is a case field (scope Case) or a form field
 * (scope Form) whose type has a parameter type. Contact fields, and numbers and dependent selects, are not
 * parameters.
 */
import type {
  FieldDefinition,
  FieldObject,
  FieldPhase,
  FieldType,
  FieldWidget,
} from "../../domain/fields/definition.ts";

export const PARAMETER_TYPES = [
  "SingleLineText",
  "MultiLineText",
  "Checkbox",
  "Choice",
  "DropDown",
  "Email",
  "Date",
  "Heading",
  "DataObject",
] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export const SCOPES = { Case: "case", Form: "form" } as const satisfies Record<string, FieldObject>;
export type Scope = keyof typeof SCOPES;
export const PHASES = { Request: "request", Response: "response" } as const satisfies Record<
  string,
  FieldPhase
>;
export type Phase = keyof typeof PHASES;

/** The one field type each single-valued parameter type is; Choice and DropDown are selects. */
const PLAIN: Partial<Record<ParameterType, FieldType>> = {
  SingleLineText: "text",
  MultiLineText: "textarea",
  Checkbox: "checkbox",
  Email: "email",
  Date: "date",
  Heading: "heading",
  DataObject: "json",
};

/** The field types that are parameters, and the objects whose fields are. */
export const PARAMETER_FIELD_TYPES: readonly FieldType[] = [
  ...Object.values(PLAIN),
  "select",
  "multi_select",
];
export const PARAMETER_OBJECTS: readonly FieldObject[] = Object.values(SCOPES);

/** A wire word as written, from any letter case (the schema admits only the words themselves). */
export const wordOf = <W extends string>(words: readonly W[], text: string): W | undefined =>
  words.find((word) => word.toLowerCase() === text.toLowerCase());

/** The field type and widget of a parameter type; null when `multiple` does not fit it. */
export function fieldTypeOf(
  type: ParameterType,
  multiple: boolean,
): { type: FieldType; widget: FieldWidget | null } | null {
  const plain = PLAIN[type];
  if (plain) return multiple ? null : { type: plain, widget: null };
  return { type: multiple ? "multi_select" : "select", widget: type === "Choice" ? "choice" : null };
}

/** The parameter a definition is, or null when it is none. */
export function parameterTypeOf(d: Pick<FieldDefinition, "object" | "type" | "widget">) {
  if (!PARAMETER_OBJECTS.includes(d.object)) return null;
  if (d.type === "select" || d.type === "multi_select")
    return {
      type: d.widget === "choice" ? "Choice" : "DropDown",
      multiple: d.type === "multi_select",
    } as const;
  const plain = PARAMETER_TYPES.find((type) => PLAIN[type] === d.type);
  return plain ? { type: plain, multiple: false } : null;
}

export const isParameter = (d: Pick<FieldDefinition, "object" | "type" | "widget">) =>
  parameterTypeOf(d) !== null;

export const scopeOf = (object: FieldObject): Scope => (object === "form" ? "Form" : "Case");
export const phaseOf = (phase: FieldPhase): Phase => (phase === "response" ? "Response" : "Request");
