/** Totals for lists that stay cheap however large the table: exact up to a bound, estimated beyond it. */
import type { Sql } from "./db.ts";

/** Lists count exactly up to this many rows; past it, the planner's estimate is given. */
export const EXACT_COUNT_LIMIT = 10_000;

export interface Total {
  value: number;
  /** False when `value` is the planner's estimate (more than EXACT_COUNT_LIMIT rows match). */
  exact: boolean;
}

/**
 * Counts the rows of `select 1 from <source>` (a FROM and WHERE clause built by the store) reading at
 * most EXACT_COUNT_LIMIT + 1 of them; beyond that, asks the planner for its estimate, which costs no
 * reading at all. At a million matching cases the bounded count stays a few milliseconds.
 */
export async function boundedCount(sql: Sql, source: string, params: readonly unknown[]): Promise<Total> {
  const [row] = await sql.query<{ n: number }>(
    `select count(*)::int as n from (select 1 from ${source} limit ${EXACT_COUNT_LIMIT + 1}) bounded`,
    params,
  );
  const counted = Number(row?.n ?? 0);
  if (counted <= EXACT_COUNT_LIMIT) return { value: counted, exact: true };
  const [plan] = await sql.query<{ "QUERY PLAN": unknown }>(
    `explain (format json) select 1 from ${source}`,
    params,
  );
  const raw = plan?.["QUERY PLAN"];
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: { "Plan Rows": number } }[];
  const estimate = Math.round(parsed[0]?.Plan["Plan Rows"] ?? 0);
  return { value: Math.max(estimate, EXACT_COUNT_LIMIT + 1), exact: false };
}
