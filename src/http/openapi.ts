/** One OpenAPI 3.1 document per dialect, cut from the routes' own schemas by path prefix. */

interface Document {
  paths?: Record<string, unknown>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface DocumentHead {
  info: { title: string; version: string; description: string };
  securitySchemes: Record<string, unknown>;
  security: Record<string, string[]>[];
}

/** The operations under `prefixes` from the app's full description, with the dialect's own head. */
export function dialectDocument(full: Document, prefixes: readonly string[], head: DocumentHead): Document {
  const paths = Object.fromEntries(
    Object.entries(full.paths ?? {}).filter(([path]) => prefixes.some((prefix) => path.startsWith(prefix))),
  );
  return {
    openapi: "3.1.0",
    info: head.info,
    servers: [{ url: "/" }],
    paths,
    components: { ...(full.components ?? {}), securitySchemes: head.securitySchemes },
    security: head.security,
  };
}
