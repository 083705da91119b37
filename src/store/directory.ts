/** Accounts and users: who works in a workspace and for which side. */
import type { AccountType } from "../domain/access.ts";
import type { Account } from "../domain/directory/account.ts";
import type { User } from "../domain/directory/user.ts";
import type { Visibility } from "../domain/policy.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";
import { visibleRows } from "./visibility.ts";

const toAccount = (row: Record<string, unknown>): Account => ({
  id: Number(row.id),
  name: row.name as string,
  type: row.type as AccountType,
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

const toUser = (row: Record<string, unknown>): User => ({
  id: Number(row.id),
  accountId: Number(row.account_id),
  email: row.email as string,
  name: row.name as string,
  active: Boolean(row.active),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

const ACCOUNT_COLUMNS = "id, name, type, revision, created_at, updated_at";
const USER_COLUMNS = "id, account_id, email, name, active, revision, created_at, updated_at";

/** `at` stamps created/updated; without it the database's clock does. */
export async function insertAccount(
  sql: Sql,
  workspaceId: number,
  a: { name: string; type: AccountType },
  at?: Date,
) {
  const rows = await sql.query(
    `insert into accounts (workspace_id, name, type, created_at, updated_at)
     values ($1, $2, $3, coalesce($4::timestamptz, now()), coalesce($4::timestamptz, now())) returning ${ACCOUNT_COLUMNS}`,
    [workspaceId, a.name, a.type, at ?? null],
  );
  return toAccount(rows[0]!);
}

export async function findAccount(sql: Sql, workspaceId: number, id: number, lock = false) {
  const rows = await sql.query(
    `select ${ACCOUNT_COLUMNS} from accounts where workspace_id = $1 and id = $2${lock ? " for update" : ""}`,
    [workspaceId, id],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

/** The accounts of `visible` (the access policy's condition; null: all of them). */
export const listAccounts = async (sql: Sql, workspaceId: number, visible: Visibility<"account">) =>
  (
    await visibleRows(
      sql,
      { table: "accounts", columns: ACCOUNT_COLUMNS, type: "account" },
      workspaceId,
      visible,
    )
  ).map(toAccount);

export async function saveAccount(sql: Sql, workspaceId: number, a: Account): Promise<void> {
  await sql.query(
    "update accounts set name = $3, type = $4, revision = $5, updated_at = $6 where workspace_id = $1 and id = $2",
    [workspaceId, a.id, a.name, a.type, a.revision, a.updatedAt],
  );
}

export async function insertUser(
  sql: Sql,
  workspaceId: number,
  u: { accountId: number; email: string; name: string },
  at?: Date,
): Promise<User | null> {
  const rows = await sql.query(
    `insert into users (workspace_id, account_id, email, name, created_at, updated_at)
     values ($1, $2, $3, $4, coalesce($5::timestamptz, now()), coalesce($5::timestamptz, now()))
     on conflict (workspace_id, lower(email)) do nothing returning ${USER_COLUMNS}`,
    [workspaceId, u.accountId, u.email, u.name, at ?? null],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUser(
  sql: Sql,
  workspaceId: number,
  by: { id: number } | { email: string },
  lock = false,
) {
  const params = new Params();
  const where = "id" in by ? `id = ${params.add(by.id)}` : `lower(email) = lower(${params.add(by.email)})`;
  const rows = await sql.query(
    `select ${USER_COLUMNS} from users where workspace_id = ${params.add(workspaceId)} and ${where}${
      lock ? " for update" : ""
    }`,
    params.values,
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** The users of `visible` (the access policy's condition; null: all of them), oldest first. */
export const listUsers = async (sql: Sql, workspaceId: number, visible: Visibility<"user">) =>
  (await visibleRows(sql, { table: "users", columns: USER_COLUMNS, type: "user" }, workspaceId, visible)).map(
    toUser,
  );

/** Returns false when the new email belongs to another user. */
export async function saveUser(sql: Sql, workspaceId: number, u: User): Promise<boolean> {
  const rows = await sql.query(
    `update users set account_id = $3, email = $4, name = $5, active = $6, revision = $7, updated_at = $8
     where workspace_id = $1 and id = $2
       and not exists (select 1 from users o where o.workspace_id = $1 and o.id <> $2 and lower(o.email) = lower($4))
     returning id`,
    [workspaceId, u.id, u.accountId, u.email, u.name, u.active, u.revision, u.updatedAt],
  );
  return rows.length === 1;
}
