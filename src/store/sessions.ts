/** Console sign-in rows: password hashes of users, and sessions (only a hash of each session token is kept). */
import type { AccountType } from "../domain/access.ts";
import type { Sql } from "./db.ts";

export type Role = "admin" | "agent";

/** An active user as signing in and acting through a session need to know them. */
export interface SessionUser {
  workspaceId: number;
  userId: number;
  email: string;
  name: string;
  role: Role;
  accountId: number;
  accountType: AccountType;
}

const USER_SELECT = `select u.workspace_id, u.id, u.email, u.name, u.role, u.account_id, a.type, u.password_hash
  from users u join accounts a on a.workspace_id = u.workspace_id and a.id = u.account_id`;

const toSessionUser = (row: Record<string, unknown>): SessionUser => ({
  workspaceId: Number(row.workspace_id),
  userId: Number(row.id),
  email: row.email as string,
  name: row.name as string,
  role: row.role as Role,
  accountId: Number(row.account_id),
  accountType: row.type as AccountType,
});

/** The active user of a workspace (by slug) with this email, and their password hash (null: none set). */
export async function findSignInUser(
  sql: Sql,
  slug: string,
  email: string,
): Promise<{ user: SessionUser; passwordHash: string | null } | null> {
  const rows = await sql.query(
    `${USER_SELECT} join workspaces w on w.id = u.workspace_id
     where w.slug = $1 and lower(u.email) = lower($2) and u.active`,
    [slug, email],
  );
  const row = rows[0];
  return row
    ? { user: toSessionUser(row), passwordHash: (row.password_hash as string | null) ?? null }
    : null;
}

/** Returns false when the user does not exist in the workspace. */
export async function setPasswordHash(
  sql: Sql,
  workspaceId: number,
  userId: number,
  passwordHash: string,
  role?: Role,
): Promise<boolean> {
  const rows = await sql.query(
    `update users set password_hash = $3, role = coalesce($4, role) where workspace_id = $1 and id = $2 returning id`,
    [workspaceId, userId, passwordHash, role ?? null],
  );
  return rows.length === 1;
}

/** Whether any user of the workspace can sign in with a password. */
export async function anyPasswordSet(sql: Sql, workspaceId: number): Promise<boolean> {
  const rows = await sql.query(
    "select 1 from users where workspace_id = $1 and password_hash is not null limit 1",
    [workspaceId],
  );
  return rows.length > 0;
}

export async function insertSession(
  sql: Sql,
  session: { tokenHash: Buffer; workspaceId: number; userId: number; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await sql.query(
    "insert into sessions (token_hash, workspace_id, user_id, created_at, expires_at) values ($1, $2, $3, $4, $5)",
    [session.tokenHash, session.workspaceId, session.userId, session.createdAt, session.expiresAt],
  );
}

/** The active user behind a live session, or null (expired, unknown, or the user was deactivated). */
export async function findSessionUser(sql: Sql, tokenHash: Buffer, now: Date): Promise<SessionUser | null> {
  const rows = await sql.query(
    `${USER_SELECT} join sessions s on s.workspace_id = u.workspace_id and s.user_id = u.id
     where s.token_hash = $1 and s.expires_at > $2 and u.active`,
    [tokenHash, now],
  );
  return rows[0] ? toSessionUser(rows[0]) : null;
}

export async function deleteSession(sql: Sql, tokenHash: Buffer): Promise<void> {
  await sql.query("delete from sessions where token_hash = $1", [tokenHash]);
}

/** Ends every session of a user (their password changed). */
export async function deleteSessionsOf(sql: Sql, workspaceId: number, userId: number): Promise<void> {
  await sql.query("delete from sessions where workspace_id = $1 and user_id = $2", [workspaceId, userId]);
}

export async function expireSessions(sql: Sql, now: Date): Promise<number> {
  const rows = await sql.query("delete from sessions where expires_at <= $1 returning workspace_id", [now]);
  return rows.length;
}
