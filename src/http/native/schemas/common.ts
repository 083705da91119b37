/** Schema pieces every native resource uses: ids, timestamps, problems, pages. */
import { type TSchema, Type } from "typebox";

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
  { description: "RFC 9457 problem details (application/problem+json)" },
);

/** The error responses every route documents (problem+json). */
export const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  412: Problem,
  413: Problem,
  415: Problem,
  422: Problem,
  503: Problem,
};

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

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    next: Nullable(Type.String({ description: "Opaque cursor of the next page" })),
    total: Type.Optional(Type.Integer({ description: "With `count=true`: how many items the list holds" })),
    totalExact: Type.Optional(
      Type.Boolean({ description: "With `count=true`: false when `total` is an estimate (over 10,000)" }),
    ),
  });
