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
  if ((await claimKeys(sql, workspaceId, [{ key, requestHash }], now)).has(key)) return { claimed: true };
  const found = await findClaim(sql, workspaceId, key);
  if (!found) return claimKey(sql, workspaceId, key, requestHash, now);
  return { claimed: false, ...found };
}

/**
 * Claims several keys in one statement, in key order (so concurrent claimants of overlapping keys queue
 * instead of deadlocking); returns the keys claimed. A key held by a transaction still open waits for it.
 */
export async function claimKeys(
  sql: Sql,
  workspaceId: number,
  claims: readonly { key: string; requestHash: string }[],
  now: Date,
): Promise<Set<string>> {
  const rows = await sql.query<{ key: string }>(
    `insert into idempotency_keys (workspace_id, key, request_hash, created_at)
     select $1, c.key, c.request_hash, $4 from unnest($2::text[], $3::text[]) as c(key, request_hash)
     order by c.key
     on conflict (workspace_id, key) do nothing returning key`,
    [workspaceId, claims.map((c) => c.key), claims.map((c) => c.requestHash), now],
  );
  return new Set(rows.map((row) => row.key));
}

/** A committed claim of the key, if any: the request that made it and the response it stored. */
export async function findClaim(
  sql: Sql,
  workspaceId: number,
  key: string,
): Promise<{ requestHash: string; response: StoredResponse | null } | null> {
  const rows = await sql.query<{ request_hash: string; response: StoredResponse | null }>(
    "select request_hash, response from idempotency_keys where workspace_id = $1 and key = $2",
    [workspaceId, key],
  );
  return rows[0] ? { requestHash: rows[0].request_hash, response: rows[0].response } : null;
}

/** Stores the responses of claimed keys, in one statement. */
export async function storeResponses(
  sql: Sql,
  workspaceId: number,
  responses: readonly { key: string; response: unknown }[],
) {
  await sql.query(
    `update idempotency_keys k set response = r.response
     from unnest($2::text[], $3::jsonb[]) as r(key, response)
     where k.workspace_id = $1 and k.key = r.key`,
    [workspaceId, responses.map((r) => r.key), responses.map((r) => JSON.stringify(r.response))],
  );
}

export async function expireKeys(sql: Sql, olderThan: Date): Promise<number> {
  const rows = await sql.query("delete from idempotency_keys where created_at < $1 returning key", [
    olderThan,
  ]);
  return rows.length;
}
