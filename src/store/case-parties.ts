/** The people and queue a page of cases names (assignees, requesters, queues), read by id in one round trip each. */
import type { Sql } from "./db.ts";

export interface Party {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
}

const toParty = (row: Record<string, unknown>): Party => ({
  id: Number(row.id),
  name: (row.name as string) ?? "",
  email: (row.email as string | null) ?? null,
  phone: (row.phone as string | null) ?? null,
});

async function byIds(
  sql: Sql,
  text: string,
  workspaceId: number,
  ids: number[],
): Promise<Map<number, Party>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query(text, [workspaceId, [...new Set(ids)]]);
  return new Map(rows.map((row) => [Number(row.id), toParty(row)]));
}

export const usersByIds = (sql: Sql, workspaceId: number, ids: number[]) =>
  byIds(
    sql,
    "select id, name, email, null as phone from users where workspace_id = $1 and id = any($2::bigint[])",
    workspaceId,
    ids,
  );

export const contactsByIds = (sql: Sql, workspaceId: number, ids: number[]) =>
  byIds(
    sql,
    "select id, name, email, phone from contacts where workspace_id = $1 and id = any($2::bigint[])",
    workspaceId,
    ids,
  );

export const queuesByIds = (sql: Sql, workspaceId: number, ids: number[]) =>
  byIds(
    sql,
    "select id, name, null as email, null as phone from queues where workspace_id = $1 and id = any($2::bigint[])",
    workspaceId,
    ids,
  );
