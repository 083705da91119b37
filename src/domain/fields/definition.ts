/** Custom field definitions: typed, per workspace and object, with an option tree for selects. */
import { type FieldError, type FieldPath, invalid, ok, type Result } from "../errors.ts";

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
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_OBJECTS = ["case", "contact"] as const;
export type FieldObject = (typeof FIELD_OBJECTS)[number];

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
};

const FIELD_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

const hasOptions = (type: FieldType) =>
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
export function checkDefinition(definition: Pick<FieldDefinition, "key" | "type" | "options">): Result<true> {
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
  return errors.length ? invalid(errors) : ok(true);
}
