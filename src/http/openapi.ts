/**
 * One OpenAPI 3.1 document per dialect, cut from the app's own description (the routes' schemas, as
 * @fastify/swagger collects them): the operations under the dialect's paths, the component schemas they
 * reference and nothing else, under the dialect's own head.
 */

interface Document {
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface DocumentHead {
  info: { title: string; version: string; description: string };
  securitySchemes: Record<string, unknown>;
  security: Record<string, string[]>[];
}

export interface DocumentScope {
  /** The paths whose operations the document holds. */
  prefixes: readonly string[];
  /** The server URL the paths are relative to (removed from each path); the root by default. */
  base?: string;
  head: DocumentHead;
}

const COMPONENT = "#/components/schemas/";

/** The component schemas `value` references, and those they reference in turn. */
function referencedSchemas(value: unknown, schemas: Record<string, unknown>): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  const pending = [value];
  while (pending.length) {
    const current = pending.pop();
    if (current === null || typeof current !== "object") continue;
    for (const [key, item] of Object.entries(current)) {
      if (key === "$ref" && typeof item === "string" && item.startsWith(COMPONENT)) {
        const name = item.slice(COMPONENT.length);
        if (!(name in found) && name in schemas) {
          found[name] = schemas[name];
          pending.push(schemas[name]);
        }
      } else pending.push(item);
    }
  }
  return found;
}

export function dialectDocument(full: Document, { prefixes, base = "", head }: DocumentScope): Document {
  const paths = Object.fromEntries(
    Object.entries(full.paths ?? {})
      .filter(([path]) => prefixes.some((prefix) => path.startsWith(prefix)))
      .map(([path, operations]) => [path.slice(base.length), operations]),
  );
  const schemas = referencedSchemas(paths, full.components?.schemas ?? {});
  return {
    openapi: "3.1.0",
    info: head.info,
    servers: [{ url: base || "/" }],
    paths,
    components: { schemas, securitySchemes: head.securitySchemes },
    security: head.security,
  };
}
