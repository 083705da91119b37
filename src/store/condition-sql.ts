/** Turns a model-level condition into a parameterised WHERE clause over one resource's allow-listed columns. */
import type { Condition, Order, Scalar } from "../domain/query/condition.ts";
import type { Sql } from "./db.ts";
import type { Params } from "./rows.ts";

export interface Column {
  /** SQL expression of the column (a constant string of the store, never input). */
  sql: string;
  type: "text" | "bigint" | "smallint" | "boolean" | "timestamptz";
}

/** The fields of a resource that lists may filter and sort on. */
export type Columns<F extends string> = Record<F, Column>;

const COMPARE = { eq: "=", ne: "<>", gt: ">", ge: ">=", lt: "<", le: "<=" } as const;

function column<F extends string>(columns: Columns<F>, field: F): Column {
  const found = Object.hasOwn(columns, field) ? columns[field] : undefined;
  // The dialect translates only allow-listed names; anything else reaching here is a bug, not input.
  if (!found) throw new Error(`field ${field} is not listable`);
  return found;
}

const cast = (params: Params, value: Scalar, type: Column["type"]) => `${params.add(value)}::${type}`;

export function conditionSql<F extends string>(
  condition: Condition<F>,
  columns: Columns<F>,
  params: Params,
): string {
  if ("all" in condition)
    return condition.all.length
      ? `(${condition.all.map((c) => conditionSql(c, columns, params)).join(" and ")})`
      : "true";
  if ("any" in condition)
    return condition.any.length
      ? `(${condition.any.map((c) => conditionSql(c, columns, params)).join(" or ")})`
      : "false";
  if ("not" in condition) return `not coalesce(${conditionSql(condition.not, columns, params)}, false)`;
  const { sql, type } = column(columns, condition.field);
  if (condition.op === "like") return `${sql} ilike ${params.add(condition.pattern)}`;
  if (condition.op === "in") {
    const values = condition.values.filter((value) => value !== null);
    const parts = values.length ? [`${sql} = any(${params.add(values)}::${type}[])`] : [];
    if (values.length < condition.values.length) parts.push(`${sql} is null`);
    return parts.length ? `(${parts.join(" or ")})` : "false";
  }
  if (condition.value === null) {
    if (condition.op === "eq") return `${sql} is null`;
    if (condition.op === "ne") return `${sql} is not null`;
    return "false";
  }
  // ne keeps the rows where the field is empty, as not(eq(...)) does.
  if (condition.op === "ne") return `${sql} is distinct from ${cast(params, condition.value, type)}`;
  return `${sql} ${COMPARE[condition.op]} ${cast(params, condition.value, type)}`;
}

/** ORDER BY over allow-listed columns, ending with `tiebreak` so pages never overlap. */
export function orderSql<F extends string>(order: Order<F>[], columns: Columns<F>, tiebreak: string): string {
  const parts = order.map(
    (o) => `${column(columns, o.field).sql} ${o.direction === "desc" ? "desc" : "asc"}`,
  );
  const last = order.at(-1)?.direction === "desc" ? "desc" : "asc";
  return [...parts, `${tiebreak} ${last}`].join(", ");
}

/**
 * A page by position and the exact number of matches, for lists that show a total. `from` and `order` are
 * the store's own text; `limit` and `offset` are whole numbers the caller checked, written into the text so
 * both statements share the parameters. No page is read when the total says it would be empty.
 */
export async function countedPage<T>(
  sql: Sql,
  statement: { columns: string; from: string; where: string; order: string },
  params: Params,
  page: { limit: number; offset: number },
  toRow: (row: Record<string, unknown>) => T,
): Promise<{ rows: T[]; total: number }> {
  const [counted] = await sql.query<{ total: string }>(
    `select count(*) as total from ${statement.from} where ${statement.where}`,
    params.values,
  );
  const total = Number(counted?.total ?? 0);
  if (page.limit === 0 || page.offset >= total) return { rows: [], total };
  const rows = await sql.query(
    `select ${statement.columns} from ${statement.from} where ${statement.where} order by ${statement.order}
     limit ${Math.trunc(page.limit)} offset ${Math.trunc(page.offset)}`,
    params.values,
  );
  return { rows: rows.map(toRow), total };
}
