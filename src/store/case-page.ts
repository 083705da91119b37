/** Numbered pages of cases (for page/per_page APIs) and a total that stays cheap on a big workspace. */
import type { Case } from "../domain/cases/case.ts";
import type { CaseFilter, CaseSort } from "../domain/cases/list-query.ts";
import { orderBy, whereClauses } from "./case-list.ts";
import { CASE_COLUMNS, toCase } from "./cases.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";

/** Totals are counted exactly up to this many cases; beyond, the planner's estimate stands in. */
export const EXACT_TOTAL_UP_TO = 10_000;

export async function listCasesAt(
  sql: Sql,
  workspaceId: number,
  filter: CaseFilter,
  sort: CaseSort,
  offset: number,
  limit: number,
): Promise<Case[]> {
  const params = new Params();
  const where = whereClauses(workspaceId, filter, params);
  // Whole numbers checked by the caller, written into the text like the keyset list does.
  const rows = await sql.query(
    `select ${CASE_COLUMNS} from cases where ${where.join(" and ")} order by ${orderBy(sort)}
     limit ${Math.trunc(limit)} offset ${Math.trunc(offset)}`,
    params.values,
  );
  return rows.map(toCase);
}

export interface Total {
  count: number;
  /** false: more than EXACT_TOTAL_UP_TO cases match and `count` is the planner's estimate. */
  exact: boolean;
}

/**
 * How many cases match. Counting stops after EXACT_TOTAL_UP_TO + 1 rows, so a total never walks a million
 * of them; past that the planner's row estimate (from the table's statistics) is the answer.
 */
export async function countCases(sql: Sql, workspaceId: number, filter: CaseFilter): Promise<Total> {
  const params = new Params();
  const where = whereClauses(workspaceId, filter, params).join(" and ");
  const [row] = await sql.query<{ n: number | string }>(
    `select count(*) as n from (select 1 from cases where ${where} limit ${EXACT_TOTAL_UP_TO + 1}) bounded`,
    params.values,
  );
  const counted = Number(row?.n ?? 0);
  if (counted <= EXACT_TOTAL_UP_TO) return { count: counted, exact: true };
  const [plan] = await sql.query<{ "QUERY PLAN": unknown }>(
    `explain (format json) select 1 from cases where ${where}`,
    params.values,
  );
  const raw = plan?.["QUERY PLAN"];
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: { "Plan Rows": number } }[];
  const estimate = Math.round(parsed[0]?.Plan["Plan Rows"] ?? 0);
  return { count: Math.max(estimate, counted), exact: false };
}
