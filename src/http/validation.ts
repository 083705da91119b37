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
  // The database stores instants from year 1 to 9999 and knows no leap second; anything else must be a 400, not a 500.
  const dateTime = ajv.formats["date-time"] as { validate: (value: string) => boolean; compare: never };
  ajv.addFormat("date-time", {
    type: "string",
    validate: (value: string) => dateTime.validate(value) && isStorableInstant(value),
    compare: dateTime.compare,
  });
  return ajv;
}

const FIRST_INSTANT = Date.parse("0001-01-01T00:00:00Z");
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

function isStorableInstant(value: string): boolean {
  const time = Date.parse(value);
  return time >= FIRST_INSTANT && time <= LAST_INSTANT;
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

/** Finds the first string (or key) holding U+0000, which PostgreSQL text and jsonb cannot store. */
export function findNulCharacter(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "body" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key].join(".");
      const found = findNulCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
