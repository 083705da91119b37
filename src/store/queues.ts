/** Queue rows. */
import type { Queue, QueueFields } from "../domain/queues/queue.ts";
import type { Sql } from "./db.ts";
import { idOrNull } from "./rows.ts";

const COLUMNS =
  "id, name, description, external_id, owner_account_id, internal, active, is_default, revision, created_at, updated_at";

const toQueue = (row: Record<string, unknown>): Queue => ({
  id: Number(row.id),
  name: row.name as string,
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
    `insert into queues (workspace_id, name, description, external_id, owner_account_id, internal, active, is_default,
       created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now()), coalesce($9::timestamptz, now()))
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

export async function listQueues(sql: Sql, workspaceId: number, includeInternal: boolean): Promise<Queue[]> {
  return (
    await sql.query(
      `select ${COLUMNS} from queues where workspace_id = $1 ${includeInternal ? "" : "and not internal"} order by id`,
      [workspaceId],
    )
  ).map(toQueue);
}

export async function saveQueue(sql: Sql, workspaceId: number, q: Queue): Promise<void> {
  if (q.isDefault) await clearDefault(sql, workspaceId, q.id);
  await sql.query(
    `update queues set name = $3, description = $4, external_id = $5, owner_account_id = $6, internal = $7,
       active = $8, is_default = $9, revision = $10, updated_at = $11 where workspace_id = $1 and id = $2`,
    [workspaceId, q.id, ...writable(q), q.revision, q.updatedAt],
  );
}
