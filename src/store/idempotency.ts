/** Idempotency keys: the first response to a keyed request, stored in the request's own transaction. */
import type { StoredResponse } from "../domain/idempotency.ts";
import type { Sql } from "./db.ts";

export type Claim =
  | { claimed: true }
  | { claimed: false; requestHash: string; response: StoredResponse | null };

/**
 * Claims a key inside the caller's transaction. A concurrent claim of the same key waits on the
 * unique index until the first transaction ends, then sees its stored response (or takes over if it rolled back).
 */
export async function claimKey(
  sql: Sql,
  workspaceId: number,
  key: string,
  requestHash: string,
  now: Date,
): Promise<Claim> {
  const inserted = await sql.query(
    `insert into idempotency_keys (workspace_id, key, request_hash, created_at) values ($1, $2, $3, $4)
     on conflict (workspace_id, key) do nothing returning key`,
    [workspaceId, key, requestHash, now],
  );
  if (inserted.length) return { claimed: true };
  const rows = await sql.query<{ request_hash: string; response: StoredResponse | null }>(
    "select request_hash, response from idempotency_keys where workspace_id = $1 and key = $2",
    [workspaceId, key],
  );
  const row = rows[0];
  if (!row) return claimKey(sql, workspaceId, key, requestHash, now);
  return { claimed: false, requestHash: row.request_hash, response: row.response };
}

export async function storeResponse(sql: Sql, workspaceId: number, key: string, response: StoredResponse) {
  await sql.query("update idempotency_keys set response = $3 where workspace_id = $1 and key = $2", [
    workspaceId,
    key,
    JSON.stringify(response),
  ]);
}

export async function expireKeys(sql: Sql, olderThan: Date): Promise<number> {
  const rows = await sql.query("delete from idempotency_keys where created_at < $1 returning key", [
    olderThan,
  ]);
  return rows.length;
}
