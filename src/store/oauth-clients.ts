/** OAuth client rows (only a hash of each secret is kept) and the replay guard of their assertions. */
import type { AccountType } from "../domain/access.ts";
import type { OAuthClient } from "../domain/oauth/client.ts";
import type { ClientScope } from "../domain/oauth/scopes.ts";
import type { Sql } from "./db.ts";

/** A live client with what authentication needs to know about its acting user. */
export interface ClientHolder {
  client: OAuthClient;
  secretHash: Buffer;
  email: string;
  accountId: number;
  accountType: AccountType;
}

const COLUMNS =
  "c.id, c.workspace_id, c.client_id, c.name, c.user_id, c.scopes, c.public_jwk, c.created_at, c.revoked_at";

const toClient = (row: Record<string, unknown>): OAuthClient => ({
  id: Number(row.id),
  workspaceId: Number(row.workspace_id),
  clientId: row.client_id as string,
  name: row.name as string,
  userId: Number(row.user_id),
  scopes: row.scopes as ClientScope[],
  publicJwk: (row.public_jwk as Record<string, unknown> | null) ?? null,
  createdAt: new Date(row.created_at as string),
  revokedAt: row.revoked_at ? new Date(row.revoked_at as string) : null,
});

export async function insertClient(
  sql: Sql,
  client: {
    workspaceId: number;
    clientId: string;
    name: string;
    secretHash: Buffer;
    userId: number;
    scopes: ClientScope[];
    publicJwk: Record<string, unknown> | null;
  },
  at: Date,
): Promise<OAuthClient> {
  const rows = await sql.query(
    `insert into oauth_clients as c (workspace_id, client_id, name, secret_hash, user_id, scopes, public_jwk, created_at)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) returning ${COLUMNS}`,
    [
      client.workspaceId,
      client.clientId,
      client.name,
      client.secretHash,
      client.userId,
      client.scopes,
      client.publicJwk === null ? null : JSON.stringify(client.publicJwk),
      at,
    ],
  );
  return toClient(rows[0]!);
}

/** The live (unrevoked) client with this client id, whose acting user is active. */
export async function findLiveClient(
  sql: Sql,
  workspaceId: number,
  clientId: string,
): Promise<ClientHolder | null> {
  const rows = await sql.query(
    `select ${COLUMNS}, c.secret_hash, u.email, u.account_id, a.type
     from oauth_clients c
     join users u on u.workspace_id = c.workspace_id and u.id = c.user_id and u.active
     join accounts a on a.workspace_id = u.workspace_id and a.id = u.account_id
     where c.workspace_id = $1 and c.client_id = $2 and c.revoked_at is null`,
    [workspaceId, clientId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    client: toClient(row),
    secretHash: Buffer.from(row.secret_hash as Uint8Array),
    email: row.email as string,
    accountId: Number(row.account_id),
    accountType: row.type as AccountType,
  };
}

export async function listClients(sql: Sql, workspaceId: number): Promise<OAuthClient[]> {
  return (
    await sql.query(`select ${COLUMNS} from oauth_clients c where c.workspace_id = $1 order by c.id`, [
      workspaceId,
    ])
  ).map(toClient);
}

/** Revokes a live client; returns it, or null when no live client has that id. */
export async function revokeClient(
  sql: Sql,
  workspaceId: number,
  id: number,
  now: Date,
): Promise<OAuthClient | null> {
  const rows = await sql.query(
    `update oauth_clients c set revoked_at = $3 where c.workspace_id = $1 and c.id = $2 and c.revoked_at is null
     returning ${COLUMNS}`,
    [workspaceId, id, now],
  );
  return rows[0] ? toClient(rows[0]) : null;
}

/**
 * Records an assertion's jti until it expires; false when the same client used it before and it has not
 * expired yet (a replay). Expired ids of the workspace are pruned on the way.
 */
export async function claimAssertion(
  sql: Sql,
  workspaceId: number,
  clientId: number,
  jti: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  await sql.query("delete from oauth_assertions where workspace_id = $1 and expires_at <= $2", [
    workspaceId,
    now,
  ]);
  const rows = await sql.query(
    `insert into oauth_assertions (workspace_id, client_id, jti, expires_at) values ($1, $2, $3, $4)
     on conflict do nothing returning jti`,
    [workspaceId, clientId, jti, expiresAt],
  );
  return rows.length > 0;
}
