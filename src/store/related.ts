/** The records a presented object names (users, accounts, queues) and its latest audit events, in few round trips. */
import type { Sql } from "./db.ts";

export interface Related {
  users: Map<number, { id: number; accountId: number; email: string; name: string }>;
  accounts: Map<number, { id: number; name: string; type: string }>;
  queues: Map<number, { id: number; name: string }>;
}

const unique = (ids: readonly (number | null)[]) => [...new Set(ids.filter((id) => id !== null))];

export async function loadRelated(
  sql: Sql,
  workspaceId: number,
  ids: { users: (number | null)[]; accounts: (number | null)[]; queues: (number | null)[] },
): Promise<Related> {
  const rows = await sql.query<{
    kind: string;
    id: string;
    name: string;
    email: string | null;
    extra: string | null;
  }>(
    `select 'user' as kind, id, name, email, account_id::text as extra from users
       where workspace_id = $1 and id = any($2::bigint[])
     union all
     select 'account', id, name, null, type from accounts where workspace_id = $1 and id = any($3::bigint[])
     union all
     select 'queue', id, name, null, null from queues where workspace_id = $1 and id = any($4::bigint[])`,
    [workspaceId, unique(ids.users), unique(ids.accounts), unique(ids.queues)],
  );
  const related: Related = { users: new Map(), accounts: new Map(), queues: new Map() };
  for (const row of rows) {
    const id = Number(row.id);
    if (row.kind === "user")
      related.users.set(id, { id, accountId: Number(row.extra), email: row.email ?? "", name: row.name });
    else if (row.kind === "account") related.accounts.set(id, { id, name: row.name, type: row.extra ?? "" });
    else related.queues.set(id, { id, name: row.name });
  }
  return related;
}

export interface AuditEvent {
  at: Date;
  actor: { type: string; id: number | null; label: string };
}

/** Each subject's latest audit record of every action (an import counts as its creation). */
export async function latestEvents(
  sql: Sql,
  workspaceId: number,
  subjectType: string,
  subjectIds: readonly string[],
): Promise<Map<string, Record<string, AuditEvent>>> {
  const events = new Map<string, Record<string, AuditEvent>>();
  if (subjectIds.length === 0) return events;
  const rows = await sql.query(
    `select distinct on (subject_id, action) subject_id, action, at, actor_type, actor_id, actor_label
     from audit_records where workspace_id = $1 and subject_type = $2 and subject_id = any($3::text[])
     order by subject_id, action, id desc`,
    [workspaceId, subjectType, subjectIds],
  );
  for (const row of rows) {
    const id = row.subject_id as string;
    const action = row.action === "imported" ? "created" : (row.action as string);
    const byAction = events.get(id) ?? {};
    byAction[action] = {
      at: new Date(row.at as string),
      actor: {
        type: row.actor_type as string,
        id: row.actor_id === null ? null : Number(row.actor_id),
        label: row.actor_label as string,
      },
    };
    events.set(id, byAction);
  }
  return events;
}

/** The most recent assignee a case had, from the audit trail (a reopened case goes back to them). */
export async function lastAssignee(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
): Promise<number | null> {
  const rows = await sql.query<{ assignee: string | null }>(
    `select coalesce(c.value->>'after', c.value->>'before') as assignee
     from audit_records a cross join lateral jsonb_array_elements(a.changes) c(value)
     where a.workspace_id = $1 and a.subject_type = 'case' and a.subject_id = $2
       and c.value->>'field' = 'assigneeId' and coalesce(c.value->>'after', c.value->>'before') is not null
     order by a.id desc limit 1`,
    [workspaceId, String(caseNumber)],
  );
  return rows[0]?.assignee ? Number(rows[0].assignee) : null;
}
