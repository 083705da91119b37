/**
 * The dialect's OpenAPI 3.1 document, generated from the schemas its routes are registered with (the native
 * document is the app's; these routes carry no tags, so it leaves them out).
 */
import type { FastifyInstance, RouteOptions } from "fastify";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./list.ts";
import { Problem } from "./schemas.ts";

interface Recorded {
  method: string;
  /** The path below the mount point, Fastify-style (`/helpdesk/cases/:id`). */
  path: string;
  schema: { body?: unknown; response?: Record<string, unknown> };
}

const ERRORS: Record<number, string> = {
  400: "Bad input; `errors` names each field",
  401: "No valid token",
  403: "Not allowed for this role or key",
  404: "No such object (any malformed or unknown id)",
  409: "State conflict or stale revision",
  429: "Too many requests; retry after Retry-After",
};

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A word after an id is an action (`POST …/{id}/block`, `GET …/{id}/download`) unless records sit below it
 * (`…/{id}/messages/{messageId}`): then it is a collection, listed and created.
 */
function actionOf(path: string, collections: ReadonlySet<string>): string | null {
  const segments = path.split("/");
  const last = segments.at(-1) ?? "";
  return segments.at(-2)?.startsWith(":") && !last.startsWith(":") && !collections.has(path) ? last : null;
}

function naming(method: string, path: string, action: string | null) {
  const segments = path.split("/").filter((s) => s && s !== "helpdesk" && s !== "notifications");
  const names = segments.filter((s) => !s.startsWith(":"));
  const last = segments.at(-1) ?? "";
  const verb =
    action ??
    { GET: last.startsWith(":") ? "get" : "list", POST: "create", PUT: "update", DELETE: "delete" }[method] ??
    "call";
  const subject = action ? names.slice(0, -1) : names;
  return {
    operationId: verb + subject.map(capital).join(""),
    summary: `${capital(verb)} ${subject.join(" ")}`,
  };
}

const LIST_PARAMETERS = [
  {
    name: "limit",
    in: "query",
    schema: { type: "integer", minimum: 0, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  },
  { name: "offset", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
  { name: "order", in: "query", description: "`+a,-b`", schema: { type: "string" } },
  {
    name: "select",
    in: "query",
    description: "`-a` leaves a property out of the items",
    schema: { type: "string" },
  },
];

/** Bytes (a file download) are documented as such; everything else is JSON. */
const mediaTypeOf = (schema: unknown) =>
  (schema as { format?: string }).format === "binary" ? "application/octet-stream" : "application/json";

function operation(route: Recorded, collections: ReadonlySet<string>) {
  const action = actionOf(route.path, collections);
  const params = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const isList = route.method === "GET" && !route.path.split("/").at(-1)!.startsWith(":") && !action;
  const responses = route.schema.response ?? {};
  const success = Object.keys(responses)[0] ?? "204";
  const schema = responses[success];
  return {
    ...naming(route.method, route.path, action),
    tags: [route.path.split("/")[2]],
    parameters: [...params, ...(isList ? LIST_PARAMETERS : [])],
    ...(route.schema.body
      ? { requestBody: { content: { "application/json": { schema: route.schema.body } } } }
      : {}),
    responses: {
      [success]: schema
        ? { description: "OK", content: { [mediaTypeOf(schema)]: { schema } } }
        : { description: "Done" },
      ...Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          status,
          { description, content: { "application/problem+json": { schema: Problem } } },
        ]),
      ),
    },
  };
}

/** Records the routes registered on `app` from now on; the returned function builds the document. */
export function collectRoutes(app: FastifyInstance, mount: string): () => Record<string, unknown> {
  const routes: Recorded[] = [];
  app.addHook("onRoute", (route: RouteOptions) => {
    const at = route.url.search(/\/(helpdesk|notifications)\//);
    if (at < 0) return;
    for (const method of [route.method].flat())
      if (method !== "HEAD")
        routes.push({
          method,
          path: route.url.slice(at),
          schema: (route.schema ?? {}) as Recorded["schema"],
        });
  });
  return () => {
    const paths: Record<string, Record<string, unknown>> = {};
    const collections = new Set(
      routes.flatMap((route) => {
        const at = route.path.lastIndexOf("/:");
        return at > 0 ? [route.path.slice(0, at)] : [];
      }),
    );
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, "{$1}");
      paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, collections) };
    }
    return {
      openapi: "3.1.0",
      info: {
        title: "Casework: MPT Helpdesk dialect",
        version: "1",
        description:
          "The SoftwareOne Marketplace Platform Helpdesk API as Casework serves it: ids such as CAS-0000-0000-0042, RQL in list query strings, RFC 7807 errors. Authenticate with `Authorization: Bearer <API key>`.",
      },
      servers: [{ url: mount }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
      paths,
    };
  };
}
