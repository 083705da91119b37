/** Browser session rows: only a hash of each session token is kept, like API keys. */
import type { Sql } from "./db.ts";
import { findKeyByHash, type KeyHolder } from "./keys.ts";

export async function insertSession(
  sql: Sql,
  session: { tokenHash: Buffer; workspaceId: number; keyId: number; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await sql.query(
    "insert into sessions (token_hash, workspace_id, key_id, created_at, expires_at) values ($1, $2, $3, $4, $5)",
    [session.tokenHash, session.workspaceId, session.keyId, session.createdAt, session.expiresAt],
  );
}

/** The holder of the live key behind a live session, or null (expired, unknown, or its key was revoked). */
export async function findSessionHolder(sql: Sql, tokenHash: Buffer, now: Date): Promise<KeyHolder | null> {
  const rows = await sql.query<{ key_hash: Uint8Array }>(
    `select k.token_hash as key_hash from sessions s join api_keys k on k.id = s.key_id
     where s.token_hash = $1 and s.expires_at > $2`,
    [tokenHash, now],
  );
  const row = rows[0];
  return row ? findKeyByHash(sql, Buffer.from(row.key_hash)) : null;
}

export async function deleteSession(sql: Sql, tokenHash: Buffer): Promise<void> {
  await sql.query("delete from sessions where token_hash = $1", [tokenHash]);
}

export async function expireSessions(sql: Sql, now: Date): Promise<number> {
  const rows = await sql.query("delete from sessions where expires_at <= $1 returning workspace_id", [now]);
  return rows.length;
}
