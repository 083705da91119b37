/** Schema pieces every native resource uses: ids, timestamps, problems, pages. */
import { type Static, type TSchema, Type } from "typebox";

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Timestamp = Type.String({ format: "date-time" });

export const Id = Type.String({ description: "Numeric id, as a string", examples: ["42"] });

/** References accept the id as a string or an integer. */
export const IdRef = Type.Union([
  Type.String({ pattern: "^[1-9][0-9]{0,15}$" }),
  // Larger numbers lose precision in JSON: refused here rather than read as another id.
  Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
]);

export const CustomFields = Type.Record(Type.String(), Type.Unknown(), {
  maxProperties: 500,
  description: "Custom field values keyed by field key; null clears a value.",
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: "Stable snake_case error code" }),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: "Problem", description: "RFC 9457 problem details (application/problem+json)" },
);

/**
 * A schema with an `$id` (Case, Problem, …) as a reference to it: the app registers the named schemas once
 * (`schemas` of the dialect), and the OpenAPI document lists them under `components.schemas` by that name.
 */
export const named = <T extends TSchema>(schema: T) => {
  const id = (schema as { $id?: unknown }).$id;
  return typeof id === "string" ? Type.Unsafe<Static<T>>({ $ref: id }) : schema;
};

/** A response with a JSON body, as documented: what it is and the headers it carries. */
export const json = <T extends TSchema>(
  description: string,
  schema: T,
  headers?: Record<string, TSchema>,
) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: named(schema) } },
});

/** A response without a body (204, 304). */
export const noBody = (description: string, headers?: Record<string, TSchema>) =>
  Type.Null({ description, ...(headers ? { headers } : {}) });

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: named(Problem) } },
});

/** The error responses every route documents, as the native API sends them (problem+json). */
export const errors = {
  400: problem(
    "The request is invalid; `errors` names each field (`validation_failed`, `malformed_request`)",
  ),
  401: problem("No credential, or one that is invalid, revoked or expired (`unauthenticated`)"),
  403: problem("The credential may not do this (`forbidden`)"),
  404: problem("No such record here, or one the caller may not see; any malformed id too"),
  409: problem(
    "The record's state does not allow this (`invalid_transition`, `case_closed`, `duplicate`, …)",
  ),
  412: problem("`If-Match` names a revision that is no longer current (`revision_mismatch`)"),
  413: problem("The body is larger than the server's limit, stated in `detail` (`payload_too_large`)"),
  415: problem("The body is not `application/json` (`unsupported_media_type`)"),
  422: problem("The `Idempotency-Key` was used before with another request (`idempotency_key_reused`)"),
  429: problem("Too many requests; retry after `Retry-After` seconds (`rate_limited`)"),
  503: problem("The database is unavailable or the server is shutting down; retry after `Retry-After`"),
};

/** Response headers. */
export const ETag = Type.String({ description: 'The record\'s revision, quoted (`"3"`)' });
export const Location = Type.String({ description: "The path of the record created" });

/** Request headers of writes: a retry key for creations, a revision precondition for changes. */
export const IdempotencyHeaders = Type.Object({
  "idempotency-key": Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description:
        "1 to 255 characters; a retry with the same key and body returns the first response, kept 24 hours",
    }),
  ),
});

export const IfMatchHeaders = Type.Object({
  "if-match": Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'The revision you saw, quoted (`"3"`); a stale one is a 412',
    }),
  ),
});

export const IfNoneMatchHeaders = Type.Object({
  "if-none-match": Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'The revision you hold, quoted (`"3"`); a 304 while it is current',
    }),
  ),
});

/** A write that both creates (retry key) and changes a case (revision precondition): adding timeline entries. */
export const IdempotentIfMatchHeaders = Type.Object({
  ...IdempotencyHeaders.properties,
  ...IfMatchHeaders.properties,
});

export const IdParams = Type.Object({ id: Type.String() });

export const optionalAll = <T extends Record<string, TSchema>>(props: T) =>
  Object.fromEntries(Object.entries(props).map(([key, schema]) => [key, Type.Optional(schema)])) as {
    [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>>;
  };

/** What every list takes: a page size, the cursor of the page to read, and whether to count the list. */
export const pageParams = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: "The `next` of the previous page" })),
  count: Type.Optional(
    Type.Boolean({
      description: "Also return `total`: exact up to 10,000 matches, the database's estimate beyond",
    }),
  ),
};

export const PageQuery = Type.Object(pageParams, { additionalProperties: false });

/** A page of a list. */
export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(named(item)),
    next: Nullable(Type.String({ description: "Opaque cursor of the next page" })),
    total: Type.Optional(Type.Integer({ description: "With `count=true`: how many items the list holds" })),
    totalExact: Type.Optional(
      Type.Boolean({ description: "With `count=true`: false when `total` is an estimate (over 10,000)" }),
    ),
  });
