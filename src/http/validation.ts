/** Request validators: bodies are checked strictly (no type coercion); query strings and paths are coerced. */
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";
import type { FieldError } from "../domain/errors.ts";

// ajv-formats is CommonJS: its default export arrives wrapped once more under ESM.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

function makeAjv(coerceTypes: boolean | "array"): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const strict = makeAjv(false);
const coercing = makeAjv("array");

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === "body" ? strict : coercing).compile(schema as object) as never;

/** Turns validator errors into named fields: `/customFields/x` becomes `customFields.x`. */
export function fieldErrors(errors: readonly ErrorObject[], part: string | undefined): FieldError[] {
  const prefix = part && part !== "body" ? `${part === "querystring" ? "query" : part}.` : "";
  return errors.map((error) => {
    const path = error.instancePath.split("/").filter(Boolean).join(".");
    const extra =
      error.keyword === "additionalProperties"
        ? String((error.params as { additionalProperty: string }).additionalProperty)
        : error.keyword === "required"
          ? String((error.params as { missingProperty: string }).missingProperty)
          : "";
    const field = [path, extra].filter(Boolean).join(".") || (prefix ? prefix.slice(0, -1) : "body");
    const message =
      error.keyword === "additionalProperties"
        ? "is not a known field"
        : error.keyword === "required"
          ? "is required"
          : (error.message ?? "is invalid");
    return { field: prefix && field !== prefix.slice(0, -1) ? `${prefix}${field}` : field, message };
  });
}
