/** Case lists by condition, order and offset (the MPT lists), over an allow-list of indexed columns. */
import type { Case } from "../domain/cases/case.ts";
import type { CaseQuery, CaseQueryField } from "../domain/cases/query.ts";
import { CASE_COLUMNS, toCase } from "./cases.ts";
import { type Columns, conditionSql, countedPage, orderSql } from "./condition-sql.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";

const COLUMNS: Columns<CaseQueryField> = {
  number: { sql: "number", type: "bigint" },
  title: { sql: "title", type: "text" },
  description: { sql: "description", type: "text" },
  status: { sql: "status", type: "text" },
  priority: { sql: "priority", type: "smallint" },
  type: { sql: "type", type: "text" },
  queueId: { sql: "queue_id", type: "bigint" },
  assigneeId: { sql: "assignee_id", type: "bigint" },
  reporterId: { sql: "reporter_id", type: "bigint" },
  requesterId: { sql: "requester_id", type: "bigint" },
  accountId: { sql: "account_id", type: "bigint" },
  awaiting: { sql: "awaiting", type: "boolean" },
  queryPrompt: { sql: "query_prompt", type: "text" },
  createdAt: { sql: "created_at", type: "timestamptz" },
  updatedAt: { sql: "updated_at", type: "timestamptz" },
  resolvedAt: { sql: "resolved_at", type: "timestamptz" },
  closedAt: { sql: "closed_at", type: "timestamptz" },
};

/** One page of the cases matching `query` (trashed ones never), and how many match in all. */
export async function queryCases(
  sql: Sql,
  workspaceId: number,
  query: CaseQuery,
  scope: { accountId: number | null },
): Promise<{ cases: Case[]; total: number }> {
  const params = new Params();
  const where = [`workspace_id = ${params.add(workspaceId)}`, "trashed_at is null"];
  if (scope.accountId !== null) where.push(`account_id = ${params.add(scope.accountId)}`);
  if (query.where) where.push(conditionSql(query.where, COLUMNS, params));
  const { rows, total } = await countedPage(
    sql,
    {
      columns: CASE_COLUMNS,
      from: "cases",
      where: where.join(" and "),
      order: orderSql(query.order, COLUMNS, "number"),
    },
    params,
    query,
    toCase,
  );
  return { cases: rows, total };
}
