/**
 * The JSON body parser of every dialect: strict UTF-8, Fastify's prototype-safe JSON.parse, and a bound on
 * what later stages must walk (nesting depth, unpaired surrogates that no database column can store).
 */
import type { FastifyInstance } from "fastify";
import { describe, Failure, type FieldPath } from "../domain/errors.ts";

/** Deeper bodies are refused before validation: no API shape nests anywhere near this. */
export const MAX_BODY_DEPTH = 32;

/** A body that is not well-formed JSON text (RFC 8259: UTF-8, valid Unicode, bounded nesting). */
export class MalformedBody extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedBody";
  }
}

// In a u-flag pattern paired surrogates form one code point, so only unpaired ones match.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

/** Walks the parsed value without recursion, so hostile nesting cannot overflow the stack. */
function problemIn(value: unknown): string | null {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (typeof current === "string") {
      if (UNPAIRED_SURROGATE.test(current))
        return "The body holds a string with an unpaired UTF-16 surrogate.";
    } else if (current !== null && typeof current === "object") {
      if (depth >= MAX_BODY_DEPTH) return `The body nests deeper than ${MAX_BODY_DEPTH} levels.`;
      for (const [key, item] of Object.entries(current)) {
        if (UNPAIRED_SURROGATE.test(key)) return "The body holds a key with an unpaired UTF-16 surrogate.";
        pending.push([item, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * Where a body holds a key that could reach an object's prototype (`__proto__`, or `constructor` holding
 * `prototype`), the ones Fastify's parser refuses. Plain JSON.parse keeps such keys as own properties.
 */
function forbiddenKeyIn(value: unknown): FieldPath | null {
  const pending: [unknown, FieldPath][] = [[value, []]];
  while (pending.length) {
    const [current, path] = pending.pop()!;
    if (current === null || typeof current !== "object") continue;
    for (const [key, item] of Object.entries(current)) {
      const at = [...path, Array.isArray(current) ? Number(key) : key];
      if (key === "__proto__") return at;
      if (
        key === "constructor" &&
        item !== null &&
        typeof item === "object" &&
        Object.hasOwn(item, "prototype")
      )
        return [...at, "prototype"];
      pending.push([item, at]);
    }
  }
  return null;
}

/** A body Fastify's parser refused for a prototype key: a validation error naming that key. */
function forbiddenProperty(text: string): Failure | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const path = forbiddenKeyIn(parsed);
  if (!path) return null;
  const fields = [{ path, in: "body" as const, message: "is a forbidden property name" }];
  return new Failure({ code: "validation_failed", message: describe(fields), fields });
}

export function registerJsonBody(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser("error", "error");
  const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    // Clients often label a body-less DELETE or POST as JSON: no bytes is no body, for the schema to judge.
    if ((body as Buffer).length === 0) return done(null, undefined);
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new MalformedBody("The body is not valid UTF-8."), undefined);
      return;
    }
    parse(request, text, (error, parsed) => {
      if (error) return done(forbiddenProperty(text) ?? error, undefined);
      const problem = problemIn(parsed);
      done(problem ? new MalformedBody(problem) : null, problem ? undefined : parsed);
    });
  });
}
