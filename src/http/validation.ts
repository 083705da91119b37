/** Request validators: bodies are checked strictly (no type coercion); query strings and paths are coerced. */
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";
import type { FieldError, RequestPart } from "../domain/errors.ts";

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

/**
 * Compiles a request validator. Before the schema, it refuses strings holding U+0000, which PostgreSQL text and
 * jsonb cannot store, reporting them like any other invalid field.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const check = (httpPart === "body" ? strict : coercing).compile(schema as object);
  // Path ids are not refused here: the route parses them, and a malformed one is that record's 404.
  const refuseNul = httpPart === "body" || httpPart === "querystring";
  const validate = (value: unknown) => {
    const at = refuseNul ? nulPointer(value) : null;
    if (at !== null) {
      validate.errors = [
        {
          instancePath: at,
          schemaPath: "#",
          keyword: "nul",
          params: {},
          message: "must not contain the NUL character",
        },
      ];
      return false;
    }
    const valid = check(value);
    validate.errors = check.errors;
    return valid;
  };
  validate.errors = null as ErrorObject[] | null | undefined;
  return validate as never;
};

/** The JSON pointer of an error as path segments (array indices as numbers), down to the missing or extra key. */
const pathOf = (error: ErrorObject): (string | number)[] => {
  const path: (string | number)[] = error.instancePath
    .split("/")
    .filter(Boolean)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
  if (error.keyword === "additionalProperties")
    path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  if (error.keyword === "required")
    path.push(String((error.params as { missingProperty: string }).missingProperty));
  return path;
};

const oneOf = (values: readonly unknown[]) =>
  `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;

/** An enum error lists what it accepts, so the caller need not look it up. */
const allowedOf = (error: ErrorObject): string =>
  oneOf((error.params as { allowedValues: unknown[] }).allowedValues);

/** The words each pattern built by `anyCasePattern` accepts, so its error lists them like an enum's. */
const ANY_CASE_WORDS = new Map<string, readonly string[]>();

/** A string pattern accepting exactly these words in any letter case (`public`, `PUBLIC`, `Public`). */
export function anyCasePattern(words: readonly string[]): string {
  const letters = (word: string) =>
    [...word].map((c) =>
      c.toLowerCase() === c.toUpperCase() ? c : `[${c.toUpperCase()}${c.toLowerCase()}]`,
    );
  const pattern = `^(${words.map((word) => letters(word).join("")).join("|")})$`;
  ANY_CASE_WORDS.set(pattern, words);
  return pattern;
}

const patternWords = (error: ErrorObject) =>
  ANY_CASE_WORDS.get((error.params as { pattern: string }).pattern);

const messageOf = (error: ErrorObject): string =>
  error.keyword === "additionalProperties"
    ? "is not a known field"
    : error.keyword === "required"
      ? "is required"
      : error.keyword === "enum"
        ? allowedOf(error)
        : error.keyword === "pattern" && patternWords(error)
          ? `${oneOf(patternWords(error)!)} (any letter case)`
          : (error.message ?? "is invalid");

/**
 * Keeps the errors that say what is wrong. A union (`string | null`, `entry | entry[]`) reports one error per
 * branch; the "must be null" / "must be array" of the branches the value plainly did not take, and the union's own
 * summary, are noise when a more specific error sits at or below the same place.
 */
function meaningful(errors: readonly ErrorObject[]): ErrorObject[] {
  const specific = errors.filter(
    (e) => e.keyword !== "anyOf" && e.keyword !== "oneOf" && e.keyword !== "type",
  );
  const kept = errors.filter((error) => {
    if (error.keyword === "anyOf" || error.keyword === "oneOf")
      return !errors.some((e) => e !== error && e.instancePath.startsWith(error.instancePath));
    if (error.keyword !== "type") return true;
    const inUnion = /\/(anyOf|oneOf)\/\d+/.test(error.schemaPath);
    if (!inUnion) return true;
    if (specific.some((e) => e.instancePath.startsWith(error.instancePath))) return false;
    return (error.params as { type?: string }).type !== "null";
  });
  return kept.length ? kept : [...errors];
}

const PARTS: readonly string[] = ["body", "querystring", "params", "headers"] satisfies RequestPart[];

/** Turns validator errors into fields named by their path in the request part (the dialect's own wire words). */
export function fieldErrors(errors: readonly ErrorObject[], part: string | undefined): FieldError[] {
  const where = (PARTS.includes(part ?? "") ? part : "body") as RequestPart;
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of meaningful(errors)) {
    const path = pathOf(error);
    const message = messageOf(error);
    const key = `${path.join("\u0000")}\u0001${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ path, message, in: where });
  }
  return result;
}

/** The JSON pointer of the first string (or key) holding U+0000, or null. */
function nulPointer(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key}`;
    if (key.includes("\u0000")) return at;
    const found = nulPointer(item, at);
    if (found !== null) return found;
  }
  return null;
}
