/** Custom field definitions: typed, per workspace and object, with an option tree for selects. */
import { type FieldError, type FieldPath, fail, invalid, ok, type Result } from "../errors.ts";

export const FIELD_TYPES = [
  "text",
  "textarea",
  "checkbox",
  "select",
  "multi_select",
  "dependent_select",
  "date",
  "integer",
  "decimal",
  "email",
  /** A heading between fields of a form: it holds no value. */
  "heading",
  /** A JSON object (MPT's data objects). */
  "json",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_OBJECTS = ["case", "contact", "form"] as const;
export type FieldObject = (typeof FIELD_OBJECTS)[number];

/** When a field is filled in: with the request, or by whoever answers it. */
export const FIELD_PHASES = ["request", "response"] as const;
export type FieldPhase = (typeof FIELD_PHASES)[number];

/** How a select is offered besides a drop-down (null): as a set of choices (radio buttons, check boxes). */
export const FIELD_WIDGETS = ["choice"] as const;
export type FieldWidget = (typeof FIELD_WIDGETS)[number];

export interface FieldOption {
  value: string;
  label: string;
  /** Only dependent selects nest options. */
  children?: FieldOption[];
}

export interface FieldDefinition {
  id: number;
  object: FieldObject;
  key: string;
  label: string;
  description: string;
  type: FieldType;
  options: FieldOption[];
  required: boolean;
  searchable: boolean;
  active: boolean;
  displayOrder: number;
  hidden: boolean;
  readonly: boolean;
  visibleToReporter: boolean;
  phase: FieldPhase;
  /** What a form shows beside the field, and inside it while empty. */
  hintText: string;
  placeholderText: string;
  widget: FieldWidget | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a definition holds when its creator leaves a setting out. */
export const DEFINITION_DEFAULTS = {
  description: "",
  options: [] as FieldOption[],
  required: false,
  searchable: false,
  active: true,
  displayOrder: 0,
  hidden: false,
  readonly: false,
  visibleToReporter: true,
  phase: "request" as FieldPhase,
  hintText: "",
  placeholderText: "",
  widget: null as FieldWidget | null,
};

/** The fields lists of definitions may filter and sort on. */
export type FieldQueryField =
  | "id"
  | "object"
  | "key"
  | "label"
  | "type"
  /** The type and how a select is offered, as one word: `select`, `select:choice`, `multi_select:choice`. */
  | "kind"
  | "phase"
  | "displayOrder"
  | "required"
  | "readonly"
  | "hidden"
  | "visibleToReporter"
  | "active"
  | "createdAt"
  | "updatedAt";

const FIELD_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

export const hasOptions = (type: FieldType) =>
  type === "select" || type === "multi_select" || type === "dependent_select";

function checkOptions(options: FieldOption[], nested: boolean, path: FieldPath, errors: FieldError[]): void {
  const seen = new Set<string>();
  options.forEach((option, index) => {
    const at = [...path, index];
    if (seen.has(option.value))
      errors.push({ path: [...at, "value"], message: "option values must be unique" });
    seen.add(option.value);
    if (option.children?.length) {
      if (!nested) errors.push({ path: [...at, "children"], message: "only dependent_select options nest" });
      else checkOptions(option.children, true, [...at, "children"], errors);
    }
  });
}

/** Checks a definition's internal consistency (key format, options fit the type). */
export function checkDefinition(
  definition: Pick<FieldDefinition, "key" | "type" | "options" | "required" | "widget">,
): Result<true> {
  const errors: FieldError[] = [];
  if (!FIELD_KEY_PATTERN.test(definition.key))
    errors.push({ path: ["key"], message: "must start with a letter and hold only letters, digits and _" });
  if (hasOptions(definition.type)) {
    if (definition.options.length === 0)
      errors.push({ path: ["options"], message: `a ${definition.type} field needs options` });
    checkOptions(definition.options, definition.type === "dependent_select", ["options"], errors);
  } else if (definition.options.length > 0) {
    errors.push({ path: ["options"], message: `a ${definition.type} field takes no options` });
  }
  if (definition.widget !== null && definition.type !== "select" && definition.type !== "multi_select")
    errors.push({ path: ["widget"], message: "only select and multi_select fields are shown as choices" });
  if (definition.type === "heading" && definition.required)
    errors.push({ path: ["required"], message: "a heading holds no value, so it cannot be required" });
  return errors.length ? invalid(errors) : ok(true);
}

/** What an administrator sets on a field definition; the rest is the store's bookkeeping. */
export type DefinitionFields = Omit<FieldDefinition, "id" | "revision" | "createdAt" | "updatedAt">;

/** A definition is removed only while nothing holds it; one in use is deactivated instead, keeping its values. */
export const checkDefinitionRemoval = (inUse: boolean): Result<true> =>
  inUse
    ? fail(
        "in_use",
        "Values, groups or forms hold this field; remove it from them, or deactivate the field instead.",
      )
    : ok(true);
