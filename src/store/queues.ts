/** Queue rows. */

import type { Visibility } from "../domain/policy.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import type { Queue, QueueFields, QueueQueryField } from "../domain/queues/queue.ts";
import { type Columns, conditionSql, countedPage, orderSql } from "./condition-sql.ts";
import type { Sql } from "./db.ts";
import { idOrNull, Params } from "./rows.ts";
import { visibleRows, visibleSql } from "./visibility.ts";

const COLUMNS =
  "id, name, short_description, description, external_id, owner_account_id, internal, active, is_default, revision, created_at, updated_at";

const toQueue = (row: Record<string, unknown>): Queue => ({
  id: Number(row.id),
  name: row.name as string,
  shortDescription: row.short_description as string,
  description: row.description as string,
  externalId: (row.external_id as string) ?? null,
  ownerAccountId: idOrNull(row.owner_account_id),
  internal: Boolean(row.internal),
  active: Boolean(row.active),
  isDefault: Boolean(row.is_default),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

/** The values of the writable columns, in the order both statements list them. */
const writable = (q: QueueFields) => [
  q.name,
  q.shortDescription,
  q.description,
  q.externalId,
  q.ownerAccountId,
  q.internal,
  q.active,
  q.isDefault,
];

/** Only one queue is the default: making one the default clears the flag elsewhere. */
async function clearDefault(sql: Sql, workspaceId: number, exceptId: number | null) {
  await sql.query(
    "update queues set is_default = false where workspace_id = $1 and is_default and id <> $2",
    [workspaceId, exceptId ?? 0],
  );
}

export async function insertQueue(sql: Sql, workspaceId: number, q: QueueFields, at?: Date): Promise<Queue> {
  if (q.isDefault) await clearDefault(sql, workspaceId, null);
  const rows = await sql.query(
    `insert into queues (workspace_id, name, short_description, description, external_id, owner_account_id, internal,
       active, is_default, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::timestamptz, now()), coalesce($10::timestamptz, now()))
     returning ${COLUMNS}`,
    [workspaceId, ...writable(q), at ?? null],
  );
  return toQueue(rows[0]!);
}

export async function findQueue(sql: Sql, workspaceId: number, id: number, lock = false) {
  const rows = await sql.query(
    `select ${COLUMNS} from queues where workspace_id = $1 and id = $2${lock ? " for update" : ""}`,
    [workspaceId, id],
  );
  return rows[0] ? toQueue(rows[0]) : null;
}

/** The queues of `visible` (the access policy's condition; null: all of them), oldest first. */
export const listQueues = async (sql: Sql, workspaceId: number, visible: Visibility<"queue">) =>
  (await visibleRows(sql, { table: "queues", columns: COLUMNS, type: "queue" }, workspaceId, visible)).map(
    toQueue,
  );

export async function saveQueue(sql: Sql, workspaceId: number, q: Queue): Promise<void> {
  if (q.isDefault) await clearDefault(sql, workspaceId, q.id);
  await sql.query(
    `update queues set name = $3, short_description = $4, description = $5, external_id = $6, owner_account_id = $7,
       internal = $8, active = $9, is_default = $10, revision = $11, updated_at = $12
     where workspace_id = $1 and id = $2`,
    [workspaceId, q.id, ...writable(q), q.revision, q.updatedAt],
  );
}

const QUERY_COLUMNS: Columns<QueueQueryField> = {
  id: { sql: "id", type: "bigint" },
  name: { sql: "name", type: "text" },
  active: { sql: "active", type: "boolean" },
  internal: { sql: "internal", type: "boolean" },
  isDefault: { sql: "is_default", type: "boolean" },
  ownerAccountId: { sql: "owner_account_id", type: "bigint" },
  createdAt: { sql: "created_at", type: "timestamptz" },
  updatedAt: { sql: "updated_at", type: "timestamptz" },
};

/** A page of the queues of `visible` (the access policy's condition) matching `query`. */
export async function queryQueues(
  sql: Sql,
  workspaceId: number,
  query: ListQuery<QueueQueryField>,
  visible: Visibility<"queue">,
): Promise<{ queues: Queue[]; total: number }> {
  const params = new Params();
  const where = [`workspace_id = ${params.add(workspaceId)}`, visibleSql("queue", visible, params)];
  if (query.where) where.push(conditionSql(query.where, QUERY_COLUMNS, params));
  const { rows, total } = await countedPage(
    sql,
    {
      columns: COLUMNS,
      from: "queues",
      where: where.join(" and "),
      order: orderSql(query.order, QUERY_COLUMNS, "id"),
    },
    params,
    query,
    toQueue,
  );
  return { queues: rows, total };
}

/** How many cases each queue holds, and how many of them are unresolved (trashed ones not counted). */
export async function queueStatistics(
  sql: Sql,
  workspaceId: number,
  queueIds: readonly number[],
): Promise<Map<number, { total: number; open: number }>> {
  const rows = await sql.query<{ queue_id: string; total: string; open: string }>(
    `select queue_id, count(*) as total,
       count(*) filter (where status in ('new', 'open', 'pending', 'on_hold')) as open
     from cases where workspace_id = $1 and queue_id = any($2::bigint[]) and trashed_at is null group by queue_id`,
    [workspaceId, queueIds],
  );
  return new Map(
    rows.map((row) => [Number(row.queue_id), { total: Number(row.total), open: Number(row.open) }]),
  );
}

/** Whether any case, trashed ones included, is in the queue. */
export async function queueHoldsCases(sql: Sql, workspaceId: number, queueId: number): Promise<boolean> {
  const rows = await sql.query("select 1 from cases where workspace_id = $1 and queue_id = $2 limit 1", [
    workspaceId,
    queueId,
  ]);
  return rows.length > 0;
}

export async function deleteQueue(sql: Sql, workspaceId: number, queueId: number): Promise<void> {
  await sql.query("delete from queues where workspace_id = $1 and id = $2", [workspaceId, queueId]);
}
