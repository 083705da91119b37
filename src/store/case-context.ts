/** Everything a case write decides with, read in one round trip: workspace rules, field definitions, references. */
import type { Assignee } from "../domain/cases/decide.ts";
import type { FieldDefinition } from "../domain/fields/definition.ts";
import type { Sql } from "./db.ts";
import { DEFINITION_COLUMNS, toDefinition } from "./fields.ts";
import { type ReferableRecords, type References, referenceChecks } from "./references.ts";
import { Params } from "./rows.ts";

export interface CaseWriteContext {
  resolutionRequired: boolean;
  /** The workspace's case field definitions, in display order. */
  definitions: FieldDefinition[];
  defaultQueueId: number | null;
  /** Queues that are disabled (a workspace has few queues). */
  disabledQueueIds: number[];
  /** Fields of `refs` whose record does not exist. */
  missing: string[];
  /** The user `assigneeId` names, if it exists. */
  assignee: Assignee | null;
}

/** Null when the workspace does not exist. */
export async function loadCaseWriteContext(
  sql: Sql,
  workspaceId: number,
  refs: References,
  referable: ReferableRecords,
  assigneeId?: number | null,
): Promise<CaseWriteContext | null> {
  const params = new Params();
  const ws = params.add(workspaceId);
  const checks = referenceChecks(params, ws, refs, referable);
  const assignee = Number.isSafeInteger(assigneeId)
    ? `, (select json_build_object('active', u.active, 'accountId', u.account_id, 'accountType', a.type)
          from users u join accounts a on a.workspace_id = u.workspace_id and a.id = u.account_id
          where u.workspace_id = ${ws} and u.id = ${params.add(assigneeId)}) as assignee`
    : "";
  const rows = await sql.query(
    `select w.resolution_required,
       (select id from queues where workspace_id = ${ws} and is_default) as default_queue_id,
       (select coalesce(array_agg(id), '{}') from queues where workspace_id = ${ws} and not active)
         as disabled_queue_ids,
       (select coalesce(json_agg(d order by d.display_order, d.id), '[]')
        from (select ${DEFINITION_COLUMNS} from field_definitions where workspace_id = ${ws} and object = 'case') d)
         as definitions
       ${checks.columns.map((column) => `, ${column}`).join("")} ${assignee}
     from workspaces w where w.id = ${ws}`,
    params.values,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    resolutionRequired: Boolean(row.resolution_required),
    definitions: (row.definitions as Record<string, unknown>[]).map(toDefinition),
    defaultQueueId: row.default_queue_id === null ? null : Number(row.default_queue_id),
    disabledQueueIds: (row.disabled_queue_ids as unknown[]).map(Number),
    missing: checks.missing(row),
    assignee: row.assignee ? toAssignee(row.assignee as Record<string, unknown>) : null,
  };
}

const toAssignee = (row: Record<string, unknown>): Assignee => ({
  active: Boolean(row.active),
  accountId: Number(row.accountId),
  accountType: row.accountType as Assignee["accountType"],
});
