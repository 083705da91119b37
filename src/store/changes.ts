/** The audit record and the outbox event that every change writes, together, in its transaction. */
import type { FieldChange } from "../domain/audit/diff.ts";
import type { AuditRecord, ChangeRecord } from "../domain/audit/record.ts";
import { boundedCount } from "./count.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";

/**
 * The inserts of the audit records and outbox events of `records`, for one `with` statement. Given `onlyAfter`,
 * the name of a query of that statement, they write only when it returned a row (the change was made). Given
 * `caseNumber`, the records are of cases created in the statement: the i-th case's number is that SQL
 * expression, and it becomes the record's subject and the number in its event (see `with_case_number`).
 */
export function changeInserts(
  params: Params,
  records: readonly ChangeRecord[],
  options: { onlyAfter?: string; caseNumber?: (index: number) => string } = {},
): { audit: string; events: string } {
  const { onlyAfter, caseNumber } = options;
  const audit: string[] = [];
  const events: string[] = [];
  for (const [index, r] of records.entries()) {
    const ws = `${params.add(r.workspaceId)}::bigint`;
    const type = `${params.add(r.subjectType)}::text`;
    const number = caseNumber?.(index);
    const id = number ? `(${number})::text` : `${params.add(r.subjectId)}::text`;
    const payload = `${params.add(JSON.stringify(r.payload))}::jsonb`;
    const revision = `${params.add(r.revision)}::integer`;
    const at = `${params.add(r.at)}::timestamptz`;
    audit.push(
      `(${ws}, ${type}, ${id}, ${params.add(r.action)}::text, ${revision}, ${params.add(r.actor.type)}::text, ${params.add(
        r.actor.id,
      )}::bigint, ${params.add(r.actor.label)}::text, ${params.add(JSON.stringify(r.actor.context))}::jsonb, ${params.add(
        JSON.stringify(r.changes),
      )}::jsonb, ${at})`,
    );
    events.push(
      `(${ws}, ${params.add(r.topics[0])}::text, ${params.add(r.topics)}::text[], ${type}, ${id}, ${revision}, ${
        number ? `with_case_number(${payload}, ${number})` : payload
      }, ${at})`,
    );
  }
  const rows = (values: string[]) =>
    onlyAfter
      ? `select v.* from (values ${values.join(", ")}) v where exists (select from ${onlyAfter})`
      : `values ${values.join(", ")}`;
  return {
    audit: `insert into audit_records (workspace_id, subject_type, subject_id, action, revision, actor_type, actor_id,
       actor_label, context, changes, at) ${rows(audit)}`,
    events: `insert into outbox_events (workspace_id, topic, topics, subject_type, subject_id, revision, payload,
       created_at) ${rows(events)}`,
  };
}

/** Writes audit records and outbox events for several changes in one statement. */
export async function recordChanges(sql: Sql, records: readonly ChangeRecord[]): Promise<void> {
  if (records.length === 0) return;
  const params = new Params();
  const { audit, events } = changeInserts(params, records);
  await sql.query(`with audit as (${audit}) ${events}`, params.values);
}

export const countAudit = (sql: Sql, workspaceId: number, subjectType: string, subjectId: string) =>
  boundedCount(sql, "audit_records where workspace_id = $1 and subject_type = $2 and subject_id = $3", [
    workspaceId,
    subjectType,
    subjectId,
  ]);

export async function listAudit(
  sql: Sql,
  workspaceId: number,
  subjectType: string,
  subjectId: string,
  afterId: number | null,
  limit: number,
): Promise<AuditRecord[]> {
  const rows = await sql.query(
    `select id, action, revision, actor_type, actor_id, actor_label, context, changes, at from audit_records
     where workspace_id = $1 and subject_type = $2 and subject_id = $3 and id > $4 order by id limit $5`,
    [workspaceId, subjectType, subjectId, afterId ?? 0, limit + 1],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    action: row.action as string,
    revision: row.revision === null ? null : Number(row.revision),
    actor: {
      type: row.actor_type as string,
      id: row.actor_id === null ? null : Number(row.actor_id),
      label: row.actor_label as string,
    },
    context: row.context as Record<string, unknown>,
    changes: row.changes as FieldChange[],
    at: new Date(row.at as string),
  }));
}

/** Permanent deletion keeps no copy of the content: the subject's earlier audit records go with it. */
export async function forgetAudit(sql: Sql, workspaceId: number, subjectType: string, subjectIds: string[]) {
  await sql.query(
    "delete from audit_records where workspace_id = $1 and subject_type = $2 and subject_id = any($3::text[])",
    [workspaceId, subjectType, subjectIds],
  );
}
