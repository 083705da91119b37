/**
 * The write contexts of several creates of one workspace, read in one round trip: the workspace's rules once,
 * and each create's references, assignee and entry ids.
 */
import {
  assigneesColumn,
  assigneesOf,
  type CaseWriteContext,
  entryIdsColumn,
  entryIdsOf,
  selectWorkspaceRules,
  workspaceRulesOf,
} from "./case-context.ts";
import type { Sql } from "./db.ts";
import { type ReferableRecords, type References, sharedReferenceChecks } from "./references.ts";
import { Params } from "./rows.ts";

/** What one create reads: as `loadCaseWriteContext` takes it. */
export interface CreateContextQuery {
  refs: References;
  assigneeId?: number | null | undefined;
  /** How many fresh timeline entry ids to take. */
  entryIds: number;
}

/**
 * What `loadCaseWriteContext` answers for each create, in the order given, for creates outside a transaction
 * that refer to records within the same `referable`. Null when the workspace does not exist.
 */
export async function loadCreateContexts(
  sql: Sql,
  workspaceId: number,
  referable: ReferableRecords,
  queries: readonly CreateContextQuery[],
): Promise<(CaseWriteContext & { entryIds: number[] })[] | null> {
  const params = new Params();
  const ws = params.add(workspaceId);
  const checks = sharedReferenceChecks(
    params,
    ws,
    queries.map((query) => query.refs),
    referable,
  );
  const assigneeIds = [
    ...new Set(queries.flatMap(({ assigneeId }) => (Number.isSafeInteger(assigneeId) ? [assigneeId!] : []))),
  ];
  const columns = [...checks.columns];
  if (assigneeIds.length) columns.push(assigneesColumn(params, ws, assigneeIds));
  const entryIds = queries.reduce((sum, query) => sum + query.entryIds, 0);
  if (entryIds > 0) columns.push(entryIdsColumn(params, entryIds));
  const rows = await sql.query(
    `${selectWorkspaceRules(ws)} ${columns.map((column) => `, ${column}`).join("")}
     from workspaces w where w.id = ${ws}`,
    params.values,
  );
  const row = rows[0];
  if (!row) return null;
  const rules = workspaceRulesOf(row);
  const missing = checks.missing(row);
  const assignees = assigneesOf(row);
  const ids = entryIdsOf(row);
  return queries.map((query, i) => ({
    ...rules,
    missing: missing[i]!,
    assignee: Number.isSafeInteger(query.assigneeId) ? (assignees.get(query.assigneeId!) ?? null) : null,
    entryIds: ids.splice(0, query.entryIds),
  }));
}
