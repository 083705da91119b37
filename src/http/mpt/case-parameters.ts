/**
 * A case's `parameters`: its custom field values seen through the Case-scope parameter definitions the caller
 * may see, and `parameters` of a case body as custom field changes. The values are validated by the domain;
 * its errors, which name `customFields.<key>`, are renamed here to the parameters the client sent.
 */
import { describe, Failure, type FieldError, invalid, unwrap } from "../../domain/errors.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import { formatId, mptNumber } from "./ids.ts";
import { isParameter, phaseOf } from "./parameter-types.ts";

type Values = Record<string, unknown>;

/** The definitions a case's parameters are: case fields of a parameter type, as the caller may see them. */
export const caseParameters = (visible: readonly FieldDefinition[]) =>
  visible.filter((d) => d.object === "case" && isParameter(d));

function displayValue(d: FieldDefinition, value: unknown): string {
  const label = (option: unknown) => d.options.find((o) => o.value === option)?.label ?? String(option);
  switch (d.type) {
    case "select":
      return label(value);
    case "multi_select":
      return (value as unknown[]).map(label).join(", ");
    case "checkbox":
      return value ? "Yes" : "No";
    case "json":
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

/** The values the case holds, in display order; a value's id is its parameter's (one value per parameter). */
export function presentCaseParameters(definitions: readonly FieldDefinition[], values: Values) {
  return definitions
    .filter((d) => Object.hasOwn(values, d.key))
    .map((d) => {
      const id = formatId("parameter", d.id);
      return {
        id,
        parameter: { id },
        name: d.label,
        externalId: d.key,
        value: values[d.key],
        displayValue: displayValue(d, values[d.key]),
        displayOrder: d.displayOrder,
        scope: "Case" as const,
        phase: phaseOf(d.phase),
        constraints: {
          required: d.required,
          readonly: d.readonly,
          hidden: d.hidden,
          visibleToReporter: d.visibleToReporter,
        },
      };
    });
}

export interface ParameterValueIn {
  id?: string | undefined;
  parameter?: { id: string } | undefined;
  value: unknown;
}

/** Where each field key came from in the body, so the domain's errors can name what was sent. */
export interface SentParameters {
  customFields: Values;
  at: Map<string, number>;
  definitions: readonly FieldDefinition[];
}

/**
 * `parameters: [{parameter: {id}, value}]` (or `{id: "PAR-…", value}`) as custom field changes; null clears
 * a value. A parameter the caller may not see, or that is no Case parameter, is a 400 naming it.
 */
export function readCaseParameters(
  definitions: readonly FieldDefinition[],
  sent: readonly ParameterValueIn[],
): SentParameters {
  const errors: FieldError[] = [];
  const customFields: Values = {};
  const at = new Map<string, number>();
  sent.forEach((item, index) => {
    const named = item.parameter ? "parameter.id" : "id";
    const number = mptNumber("parameter", item.parameter?.id ?? item.id ?? "");
    const definition = definitions.find((d) => d.id === number);
    if (!definition) {
      errors.push({
        path: ["parameters", index, ...named.split(".")],
        message: "refers to no Case parameter",
      });
      return;
    }
    if (at.has(definition.key)) {
      errors.push({ path: ["parameters", index, ...named.split(".")], message: "is sent twice" });
      return;
    }
    at.set(definition.key, index);
    customFields[definition.key] = item.value;
  });
  if (errors.length) unwrap(invalid(errors));
  return { customFields, at, definitions };
}

/** A domain error naming `customFields.<key>` names the parameter sent (`parameters.2.value`) or its id. */
export function inParameters(error: unknown, sent: SentParameters): unknown {
  if (!(error instanceof Failure)) return error;
  const renamed = (path: FieldError["path"]): FieldError["path"] => {
    if (path[0] !== "customFields" || path.length !== 2) return path;
    const key = String(path[1]);
    const index = sent.at.get(key);
    if (index !== undefined) return ["parameters", index, "value"];
    const definition = sent.definitions.find((d) => d.key === key);
    return definition ? ["parameters", formatId("parameter", definition.id)] : path;
  };
  const fields = error.fields.map((field) => ({ ...field, path: renamed(field.path) }));
  const changed = fields.some((field, index) => field.path !== error.fields[index]!.path);
  return changed ? new Failure({ code: error.code, message: describe(fields), fields }) : error;
}
