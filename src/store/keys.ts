/** API key rows: only a hash of each key is kept. */
import type { AccountType, Scope } from "../domain/access.ts";
import type { ApiKey } from "../domain/directory/api-key.ts";
import type { Sql } from "./db.ts";

/** A live key with what authentication needs to know about its holder. */
export interface KeyHolder {
  keyId: number;
  workspaceId: number;
  userId: number;
  email: string;
  accountId: number;
  accountType: AccountType;
  scopes: Scope[];
  tokenHash: Buffer;
  expiresAt: Date | null;
}

const COLUMNS =
  "id, workspace_id, user_id, name, prefix, scopes, created_at, last_used_at, revoked_at, expires_at";

const toKey = (row: Record<string, unknown>): ApiKey => ({
  id: Number(row.id),
  workspaceId: Number(row.workspace_id),
  userId: Number(row.user_id),
  name: row.name as string,
  prefix: row.prefix as string,
  scopes: row.scopes as Scope[],
  createdAt: new Date(row.created_at as string),
  lastUsedAt: row.last_used_at ? new Date(row.last_used_at as string) : null,
  revokedAt: row.revoked_at ? new Date(row.revoked_at as string) : null,
  expiresAt: row.expires_at ? new Date(row.expires_at as string) : null,
});

export async function insertKey(
  sql: Sql,
  key: {
    workspaceId: number;
    userId: number;
    name: string;
    prefix: string;
    scopes: Scope[];
    tokenHash: Buffer;
    expiresAt?: Date | null;
  },
  at?: Date,
): Promise<ApiKey> {
  const rows = await sql.query(
    `insert into api_keys (workspace_id, user_id, name, prefix, scopes, token_hash, expires_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now())) returning ${COLUMNS}`,
    [
      key.workspaceId,
      key.userId,
      key.name,
      key.prefix,
      key.scopes,
      key.tokenHash,
      key.expiresAt ?? null,
      at ?? null,
    ],
  );
  return toKey(rows[0]!);
}

/** The holder of a key that is neither revoked nor expired at `now` (the database's clock by default). */
export async function findKeyByHash(sql: Sql, tokenHash: Buffer, now?: Date): Promise<KeyHolder | null> {
  const rows = await sql.query(
    `select k.id, k.workspace_id, k.user_id, k.scopes, k.token_hash, k.expires_at, u.email, u.account_id, a.type
     from api_keys k
     join users u on u.workspace_id = k.workspace_id and u.id = k.user_id and u.active
     join accounts a on a.workspace_id = u.workspace_id and a.id = u.account_id
     where k.token_hash = $1 and k.revoked_at is null
       and (k.expires_at is null or k.expires_at > coalesce($2::timestamptz, now()))`,
    [tokenHash, now ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    keyId: Number(row.id),
    workspaceId: Number(row.workspace_id),
    userId: Number(row.user_id),
    email: row.email as string,
    accountId: Number(row.account_id),
    accountType: row.type as AccountType,
    scopes: row.scopes as Scope[],
    tokenHash: Buffer.from(row.token_hash as Uint8Array),
    expiresAt: row.expires_at ? new Date(row.expires_at as string) : null,
  };
}

/** Whether a key with this hash was ever minted, live or not. */
export async function keyHashExists(sql: Sql, tokenHash: Buffer): Promise<boolean> {
  return (await sql.query("select 1 from api_keys where token_hash = $1", [tokenHash])).length > 0;
}

export async function listKeys(sql: Sql, workspaceId: number): Promise<ApiKey[]> {
  return (
    await sql.query(`select ${COLUMNS} from api_keys where workspace_id = $1 order by id`, [workspaceId])
  ).map(toKey);
}

/** Revokes a live key; returns it, or null when no live key has that id. */
export async function revokeKey(
  sql: Sql,
  workspaceId: number,
  id: number,
  now: Date,
): Promise<ApiKey | null> {
  const rows = await sql.query(
    `update api_keys set revoked_at = $3 where workspace_id = $1 and id = $2 and revoked_at is null
     returning ${COLUMNS}`,
    [workspaceId, id, now],
  );
  return rows[0] ? toKey(rows[0]) : null;
}
