/** MPT parameter bodies as field definition settings; a parameter's key is its externalId. */
import type { Static } from "typebox";
import { Failure, type FieldError } from "../../domain/errors.ts";
import type { DefinitionFields, FieldDefinition, FieldOption } from "../../domain/fields/definition.ts";
import { definedOnly } from "../../domain/partial.ts";
import type { DefinitionInput } from "../../ops/admin/fields.ts";
import type { ParameterCreate, ParameterPut } from "./parameter-schemas.ts";
import {
  fieldTypeOf,
  PARAMETER_TYPES,
  type ParameterType,
  PHASES,
  type Phase,
  parameterTypeOf,
  SCOPES,
  type Scope,
  wordOf,
} from "./parameter-types.ts";

type Put = Static<typeof ParameterPut>;

const invalidBody = (errors: FieldError[]): never => {
  throw new Failure({
    code: "validation_failed",
    message: errors.map((e) => `${e.path.join(".")} ${e.message}`).join("; "),
    fields: errors.map((e) => ({ ...e, in: "body" })),
  });
};

/** A key from a name: `Order number` is `order_number` (a key starts with a letter and holds at most 64). */
export function keyOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  return (/^[a-z]/.test(slug) ? slug : `p_${slug}`).slice(0, 64).replace(/_+$/, "");
}

const toOptions = (options: Put["options"]) =>
  options?.choices?.map(
    (choice): FieldOption =>
      typeof choice === "string"
        ? { value: choice, label: choice }
        : { value: choice.value, label: choice.label ?? choice.value },
  );

/** The settings every body may carry (create and update alike). */
function settingsOf(body: Put): Partial<DefinitionFields> {
  return definedOnly({
    label: body.name,
    description: body.description,
    phase: body.phase === undefined ? undefined : PHASES[wordOf(PHASE_WORDS, body.phase)!],
    displayOrder: body.displayOrder,
    active: body.status === undefined ? undefined : body.status.toLowerCase() === "active",
    required: body.constraints?.required,
    readonly: body.constraints?.readonly,
    hidden: body.constraints?.hidden,
    visibleToReporter: body.constraints?.visibleToReporter,
    hintText: body.options?.hintText,
    placeholderText: body.options?.placeholderText,
    options: toOptions(body.options),
  });
}

const PHASE_WORDS = Object.keys(PHASES) as Phase[];
const SCOPE_WORDS = Object.keys(SCOPES) as Scope[];
const isSelect = (type: ParameterType) => type === "Choice" || type === "DropDown";

/** The field type of a body's type and `multiple`, or a 400 naming `multiple`. */
function typeOf(type: string, multiple: boolean) {
  const word = wordOf(PARAMETER_TYPES, type)!;
  return (
    fieldTypeOf(word, multiple) ??
    invalidBody([{ path: ["multiple"], message: "is for Choice and DropDown parameters only" }])
  );
}

export function toDefinitionInput(body: Static<typeof ParameterCreate>): DefinitionInput {
  const scope = wordOf(SCOPE_WORDS, body.scope)!;
  return {
    ...settingsOf(body),
    ...typeOf(body.type, body.multiple ?? false),
    object: SCOPES[scope],
    key: body.externalId ?? keyOf(body.name),
    label: body.name,
  };
}

/**
 * The changes a PUT makes. Scope, externalId (the key values are stored under) and the field type are fixed
 * once a parameter exists; sending them back unchanged is fine, and Choice and DropDown may be swapped.
 */
export function toDefinitionChanges(current: FieldDefinition, body: Put) {
  const shown = parameterTypeOf(current)!;
  const errors: FieldError[] = [];
  if (body.scope !== undefined && SCOPES[wordOf(SCOPE_WORDS, body.scope)!] !== current.object)
    errors.push({ path: ["scope"], message: "is fixed once the parameter exists" });
  if (body.externalId !== undefined && body.externalId !== current.key)
    errors.push({ path: ["externalId"], message: "is fixed once the parameter exists" });
  const type = body.type === undefined ? shown.type : wordOf(PARAMETER_TYPES, body.type)!;
  const next = typeOf(type, body.multiple ?? shown.multiple);
  if (next.type !== current.type) {
    const swapped = type === shown.type || (isSelect(type) && isSelect(shown.type));
    errors.push({
      path: [swapped ? "multiple" : "type"],
      message: "is fixed once the parameter exists (Choice and DropDown may be swapped)",
    });
  }
  if (errors.length) invalidBody(errors);
  return { ...settingsOf(body), widget: next.widget };
}
