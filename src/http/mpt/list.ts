/** List requests: the raw query string as RQL into a model-level list query, and the `$meta` envelope back. */
import type { FastifyRequest } from "fastify";
import { Failure } from "../../domain/errors.ts";
import type { ListQuery, Order } from "../../domain/query/condition.ts";
import { RqlError } from "./rql/ast.ts";
import { parseQuery } from "./rql/parse.ts";
import { translate, translateOrder, type Vocabulary } from "./rql/translate.ts";

/** A page holds this many unless `limit` says otherwise; more than MAX_LIMIT is capped, as the platform does. */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

const rawQuery = (request: FastifyRequest) => {
  const at = request.url.indexOf("?");
  return at < 0 ? "" : request.url.slice(at + 1);
};

/** A list query, and the top-level properties `select=-a` asks to leave out of the items. */
export type MptListQuery<F extends string> = ListQuery<F> & { dropped: ReadonlySet<string> };

export function listQuery<F extends string>(
  request: FastifyRequest,
  vocabulary: Vocabulary<F>,
  defaultOrder: Order<F>[],
): MptListQuery<F> {
  try {
    const parsed = parseQuery(rawQuery(request));
    const order = translateOrder(parsed.order, vocabulary);
    const dropped = parsed.select.exclude.filter((path) => path.length === 1 && path[0] !== "id");
    return {
      where: parsed.where ? translate(parsed.where, vocabulary) : null,
      order: order.length ? order : defaultOrder,
      offset: parsed.offset ?? 0,
      limit: Math.min(parsed.limit ?? DEFAULT_LIMIT, MAX_LIMIT),
      dropped: new Set(dropped.map((path) => path[0]!)),
    };
  } catch (error) {
    if (!(error instanceof RqlError)) throw error;
    throw new Failure({
      code: "validation_failed",
      message: `The query ${JSON.stringify(error.expression)} is not valid RQL: ${error.message}.`,
      fields: [{ path: [error.expression], message: error.message, in: "querystring" }],
    });
  }
}

/** The list envelope; everything (audit included) is shown unless `select=-property` leaves it out. */
export const page = <T extends Record<string, unknown>>(
  query: MptListQuery<string>,
  total: number,
  data: T[],
) => ({
  $meta: { pagination: { offset: query.offset, limit: query.limit, total } },
  data: query.dropped.size
    ? data.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !query.dropped.has(key))))
    : data,
});
