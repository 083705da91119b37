/**
 * Everything a case write decides with, read in one round trip: workspace rules, field definitions, references,
 * and for a change the case itself.
 */
import type { Case } from "../domain/cases/case.ts";
import type { Assignee } from "../domain/cases/decide.ts";
import type { FieldDefinition } from "../domain/fields/definition.ts";
import type { OriginKey } from "../domain/timeline/append.ts";
import { CASE_COLUMNS, toCase } from "./cases.ts";
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

/** What a change of an existing case reads besides, in the same round trip. */
export interface CaseTargetQuery {
  number: number;
  /** Holds the case row, and the records the change refers to, until the transaction ends. */
  lock: boolean;
  /** The new parent the change names: whether the case is that one's ancestor is read too. */
  parentNumber: number | null;
  /** Interactions the change adds: which of them the case holds already. */
  origins: readonly OriginKey[];
  /** How many timeline entry ids to take for the entries the change adds. */
  entryIds: number;
}

export interface CaseTarget {
  /** Null when it does not exist. */
  case: Case | null;
  /** The case is `parentNumber` or one of its parents. */
  ancestorOfParent: boolean;
  heldOrigins: OriginKey[];
  /** Fresh ids, ascending. */
  entryIds: number[];
}

/** Null when the workspace does not exist. `entryIds` fresh timeline entry ids are taken too, ascending. */
export async function loadCaseWriteContext(
  sql: Sql,
  workspaceId: number,
  refs: References,
  referable: ReferableRecords,
  assigneeId?: number | null,
  entryIds = 0,
): Promise<(CaseWriteContext & { entryIds: number[] }) | null> {
  const read = await readContext(sql, workspaceId, refs, referable, assigneeId, {
    holdReferences: true,
    moreColumns: (params) => (entryIds > 0 ? [entryIdsColumn(params, entryIds)] : []),
  });
  return read ? { ...read.context, entryIds: entryIdsOf(read.row) } : null;
}

/** `loadCaseWriteContext` together with the case a change is about and what deciding it needs of it. */
export async function loadCaseChangeContext(
  sql: Sql,
  workspaceId: number,
  refs: References,
  referable: ReferableRecords,
  assigneeId: number | null | undefined,
  target: CaseTargetQuery,
): Promise<(CaseWriteContext & CaseTarget) | null> {
  const read = await readContext(sql, workspaceId, refs, referable, assigneeId, {
    holdReferences: target.lock,
    moreColumns: (params, ws) => targetColumns(params, ws, target),
  });
  if (!read) return null;
  const { context, row } = read;
  return {
    ...context,
    case: row.case_row ? toCase(row.case_row as Record<string, unknown>) : null,
    ancestorOfParent: Boolean(row.ancestor_of_parent),
    heldOrigins: (row.held_origins as OriginKey[] | undefined) ?? [],
    entryIds: entryIdsOf(row),
  };
}

export const entryIdsOf = (row: Record<string, unknown>) =>
  ((row.entry_ids as unknown[] | undefined) ?? []).map(Number).sort((a, b) => a - b);

/** `count` fresh timeline entry ids, as the column `entry_ids`. */
export const entryIdsColumn = (params: Params, count: number) =>
  `(select array_agg(nextval(pg_get_serial_sequence('timeline_entries', 'id')))
     from generate_series(1, ${params.add(count)}::integer)) as entry_ids`;

/**
 * The target's columns. Entry ids are taken here, before the write, so that its audit record and event can
 * name the entries; a write that does not happen leaves a gap in the ids, which promise no more than order.
 */
function targetColumns(params: Params, ws: string, target: CaseTargetQuery): string[] {
  const number = params.add(target.number);
  const columns = [
    `(select row_to_json(c) from (select ${CASE_COLUMNS} from cases where workspace_id = ${ws} and number = ${number}
       ${target.lock ? "for update" : ""}) c) as case_row`,
  ];
  if (target.parentNumber !== null)
    columns.push(`exists (with recursive up(number) as (
         select ${params.add(target.parentNumber)}::bigint
         union
         select c.parent_number from cases c join up on c.number = up.number
         where c.workspace_id = ${ws} and c.parent_number is not null)
       select 1 from up where number = ${number}) as ancestor_of_parent`);
  if (target.origins.length)
    columns.push(`(select coalesce(json_agg(json_build_object('service', origin_service, 'serviceId', origin_service_id)), '[]')
       from timeline_entries where workspace_id = ${ws} and case_number = ${number}
         and (origin_service, origin_service_id) in (select * from unnest(${params.add(
           target.origins.map((origin) => origin.service),
         )}::text[], ${params.add(target.origins.map((origin) => origin.serviceId))}::text[]))) as held_origins`);
  if (target.entryIds > 0) columns.push(entryIdsColumn(params, target.entryIds));
  return columns;
}

async function readContext(
  sql: Sql,
  workspaceId: number,
  refs: References,
  referable: ReferableRecords,
  assigneeId: number | null | undefined,
  options: { holdReferences: boolean; moreColumns: (params: Params, ws: string) => string[] },
): Promise<{ context: CaseWriteContext; row: Record<string, unknown> } | null> {
  const params = new Params();
  const ws = params.add(workspaceId);
  const checks = referenceChecks(params, ws, refs, referable, options.holdReferences);
  const assignee = Number.isSafeInteger(assigneeId) ? assigneeId! : null;
  const columns = [
    ...checks.columns,
    ...options.moreColumns(params, ws),
    ...(assignee === null ? [] : [assigneesColumn(params, ws, [assignee])]),
  ];
  const rows = await sql.query(
    `${selectWorkspaceRules(ws)} ${columns.map((column) => `, ${column}`).join("")}
     from workspaces w where w.id = ${ws}`,
    params.values,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    row,
    context: {
      ...workspaceRulesOf(row),
      missing: checks.missing(row),
      assignee: assignee === null ? null : (assigneesOf(row).get(assignee) ?? null),
    },
  };
}

/** The workspace's own rules, as the start of a select list over `workspaces w`; `workspaceRulesOf` reads them. */
export const selectWorkspaceRules = (ws: string) => `select w.resolution_required,
       (select id from queues where workspace_id = ${ws} and is_default) as default_queue_id,
       (select coalesce(array_agg(id), '{}') from queues where workspace_id = ${ws} and not active)
         as disabled_queue_ids,
       (select coalesce(json_agg(d order by d.display_order, d.id), '[]')
        from (select ${DEFINITION_COLUMNS} from field_definitions where workspace_id = ${ws} and object = 'case') d)
         as definitions`;

export const workspaceRulesOf = (
  row: Record<string, unknown>,
): Omit<CaseWriteContext, "missing" | "assignee"> => ({
  resolutionRequired: Boolean(row.resolution_required),
  definitions: (row.definitions as Record<string, unknown>[]).map(toDefinition),
  defaultQueueId: row.default_queue_id === null ? null : Number(row.default_queue_id),
  disabledQueueIds: (row.disabled_queue_ids as unknown[]).map(Number),
});

/** The users `ids` names, with what deciding an assignee needs of each, as the column `assignees`. */
export const assigneesColumn = (params: Params, ws: string, ids: readonly number[]) =>
  `(select json_agg(json_build_object('id', u.id, 'active', u.active, 'accountId', u.account_id,
       'accountType', a.type))
     from users u join accounts a on a.workspace_id = u.workspace_id and a.id = u.account_id
     where u.workspace_id = ${ws} and u.id = any(${params.add(ids)}::bigint[])) as assignees`;

/** The users of the column `assignees`, by id. */
export const assigneesOf = (row: Record<string, unknown>): Map<number, Assignee> =>
  new Map(
    ((row.assignees as Record<string, unknown>[] | null) ?? []).map((found) => [
      Number(found.id),
      toAssignee(found),
    ]),
  );

const toAssignee = (row: Record<string, unknown>): Assignee => ({
  active: Boolean(row.active),
  accountId: Number(row.accountId),
  accountType: row.accountType as Assignee["accountType"],
});
