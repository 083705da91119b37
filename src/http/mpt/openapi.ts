/**
 * How the dialect's routes appear in the app's OpenAPI description, from which its own document is cut (the
 * native document leaves them out by path). The routes' schemas validate RQL query strings loosely; the
 * description adds names, the list parameters and the errors.
 */
import type { FastifySchema } from "fastify";
import { Type } from "typebox";
import type { DocumentHead } from "../openapi.ts";
import { MPT_PREFIX } from "./dialect.ts";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./list.ts";
import { Problem } from "./schemas.ts";

/** The dialect's operations: its routes at the mount point (not the doubled one some clients use). */
export const MPT_OPERATIONS = [`${MPT_PREFIX}/helpdesk/`, `${MPT_PREFIX}/notifications/`];

export const MPT_HEAD: DocumentHead = {
  info: {
    title: "Casework: MPT Helpdesk dialect",
    version: "1",
    description:
      "The SoftwareOne Marketplace Platform Helpdesk API as Casework serves it: ids such as CAS-0000-0000-0042, RQL in list query strings, RFC 7807 errors. Authenticate with `Authorization: Bearer <API key>`.",
  },
  securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
  security: [{ bearer: [] }],
};

const ERRORS: Record<number, string> = {
  400: "Bad input; `errors` names each field",
  401: "No valid token",
  403: "Not allowed for this role or key",
  404: "No such object (any malformed or unknown id)",
  409: "State conflict or stale revision",
  429: "Too many requests; retry after Retry-After",
};

/** `parameter-groups` is `ParameterGroups` in an operation id. */
const capital = (word: string) =>
  word
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/** The words after an id that name records below it (listed and created), not an action on it. */
const COLLECTIONS = new Set(["messages", "participants", "links", "attachments", "answers", "parameters"]);

/** A word after an id is an action (`POST …/{id}/block`, `GET …/{id}/download`) unless it is a collection. */
function actionOf(path: string): string | null {
  const segments = path.split("/");
  const last = segments.at(-1) ?? "";
  return segments.at(-2)?.startsWith(":") && !last.startsWith(":") && !COLLECTIONS.has(last) ? last : null;
}

/** Bytes (a file download) are documented as such; everything else is JSON. */
const mediaTypeOf = (schema: unknown) =>
  (schema as { format?: string }).format === "binary" ? "application/octet-stream" : "application/json";

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

const LIST_QUERY = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  order: Type.Optional(Type.String({ maxLength: 2000, description: "`+a,-b`" })),
  select: Type.Optional(
    Type.String({ maxLength: 2000, description: "`-a` leaves a property out of the items" }),
  ),
});

/** `form`: a multipart body, documented as the request body without being validated as one. */
type RouteSchema = FastifySchema & { response?: Record<string, unknown>; form?: unknown };

/** A route of the dialect as documented; any other route as it is. */
export function describeMptRoute(method: string, url: string, schema: RouteSchema | undefined): RouteSchema {
  const at = url.search(/\/(helpdesk|notifications)\//);
  if (at < 0 || !url.startsWith(MPT_PREFIX)) return schema ?? {};
  const path = url.slice(at);
  const action = actionOf(path);
  const names = [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
  const isList = method === "GET" && !path.split("/").at(-1)!.startsWith(":") && !action;
  const responses = schema?.response ?? {};
  const success = Object.keys(responses)[0] ?? "204";
  const body = responses[success];
  const { form, ...rest } = schema ?? {};
  return {
    ...rest,
    ...(form ? { body: form, consumes: ["multipart/form-data"] } : {}),
    ...naming(method, path, action),
    tags: [path.split("/")[2]!],
    ...(names.length
      ? { params: Type.Object(Object.fromEntries(names.map((name) => [name, Type.String()]))) }
      : {}),
    ...(isList ? { querystring: LIST_QUERY } : {}),
    response: {
      [success]: body
        ? { description: "OK", content: { [mediaTypeOf(body)]: { schema: body } } }
        : Type.Null({ description: "Done" }),
      ...Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          status,
          { description, content: { "application/problem+json": { schema: Problem } } },
        ]),
      ),
    },
  };
}
