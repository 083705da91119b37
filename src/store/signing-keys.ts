/** The keys that sign access tokens, per workspace, kept in the database so every server verifies alike. */
import type { Sql } from "./db.ts";

export interface SigningKey {
  kid: string;
  algorithm: string;
  privateJwk: Record<string, unknown>;
  publicJwk: Record<string, unknown>;
}

const toKey = (row: Record<string, unknown>): SigningKey => ({
  kid: row.kid as string,
  algorithm: row.algorithm as string,
  privateJwk: row.private_jwk as Record<string, unknown>,
  publicJwk: row.public_jwk as Record<string, unknown>,
});

/** The newest signing key of the workspace that is not retired. */
export async function currentSigningKey(sql: Sql, workspaceId: number): Promise<SigningKey | null> {
  const rows = await sql.query(
    `select kid, algorithm, private_jwk, public_jwk from oauth_signing_keys
     where workspace_id = $1 and retired_at is null order by created_at desc, kid limit 1`,
    [workspaceId],
  );
  return rows[0] ? toKey(rows[0]) : null;
}

/** A key by its id, retired or not (tokens it signed stay verifiable until they expire). */
export async function findSigningKey(sql: Sql, workspaceId: number, kid: string): Promise<SigningKey | null> {
  const rows = await sql.query(
    "select kid, algorithm, private_jwk, public_jwk from oauth_signing_keys where workspace_id = $1 and kid = $2",
    [workspaceId, kid],
  );
  return rows[0] ? toKey(rows[0]) : null;
}

export async function insertSigningKey(sql: Sql, workspaceId: number, key: SigningKey): Promise<void> {
  await sql.query(
    `insert into oauth_signing_keys (workspace_id, kid, algorithm, private_jwk, public_jwk)
     values ($1, $2, $3, $4::jsonb, $5::jsonb) on conflict do nothing`,
    [workspaceId, key.kid, key.algorithm, JSON.stringify(key.privateJwk), JSON.stringify(key.publicJwk)],
  );
}
