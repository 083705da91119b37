/**
 * The JSON body parser of every dialect: strict UTF-8, Fastify's prototype-safe JSON.parse, and a bound on
 * what later stages must walk (nesting depth, unpaired surrogates that no database column can store).
 */
import type { FastifyInstance } from "fastify";

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
      if (error) return done(error, undefined);
      const problem = problemIn(parsed);
      done(problem ? new MalformedBody(problem) : null, problem ? undefined : parsed);
    });
  });
}
