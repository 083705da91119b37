/** Accounts and users administration. */
import type { AccountType, Actor } from "../../domain/access.ts";
import type { Account } from "../../domain/directory/account.ts";
import type { User } from "../../domain/directory/user.ts";
import { isEmailAddress } from "../../domain/email.ts";
import { Failure, invalid, unwrap } from "../../domain/errors.ts";
import { visibleWhere } from "../../domain/policy.ts";
import type { Sql } from "../../store/db.ts";
import {
  findAccount,
  findUser,
  insertAccount,
  insertUser,
  listAccounts,
  listUsers,
  saveAccount,
  saveUser,
} from "../../store/directory.ts";
import type { OpContext } from "../context.ts";
import { afterwardsForgetKeys } from "../verified-keys.ts";
import { createRecord, getRecord, type RecordKind, updateRecord } from "./administered.ts";

const duplicateEmail = () =>
  new Failure({
    code: "duplicate",
    message: "Another user has this email.",
    fields: [{ path: ["email"], message: "is taken" }],
  });

const ACCOUNT: RecordKind<Account> = {
  type: "account",
  fields: ["name", "type"],
  subject: (account) => ({ type: "account", id: account.id }),
  find: findAccount,
  save: saveAccount,
};

const USER: RecordKind<User> = {
  type: "user",
  fields: ["accountId", "email", "name", "active"],
  subject: (user) => ({ type: "user", accountId: user.accountId }),
  find: (sql, workspaceId, id, lock) => findUser(sql, workspaceId, { id }, lock),
  async save(sql, workspaceId, next) {
    if (!(await saveUser(sql, workspaceId, next))) throw duplicateEmail();
  },
};

export const createAccount = (ctx: OpContext, actor: Actor, input: { name: string; type: AccountType }) =>
  createRecord(ctx, actor, ACCOUNT, (tx, now) => insertAccount(tx.db, actor.workspaceId, input, now));

export const getAccount = (ctx: OpContext, actor: Actor, id: number) => getRecord(ctx, actor, ACCOUNT, id);

export const accountsOf = (ctx: OpContext, actor: Actor) =>
  listAccounts(ctx.db, actor.workspaceId, visibleWhere(actor, "account"));

export const updateAccount = (
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: Partial<Pick<Account, "name" | "type">>,
) => afterwardsForgetKeys(() => updateRecord(ctx, actor, ACCOUNT, id, input));

async function checkUser(sql: Sql, actor: Actor, user: { email: string; accountId: number }) {
  if (!isEmailAddress(user.email)) unwrap(invalid([{ path: ["email"], message: "is not an email address" }]));
  if (!(await findAccount(sql, actor.workspaceId, user.accountId)))
    unwrap(invalid([{ path: ["accountId"], message: "refers to an account that does not exist" }]));
}

export const createUser = (
  ctx: OpContext,
  actor: Actor,
  input: { accountId: number; email: string; name: string },
) =>
  createRecord(ctx, actor, USER, async (tx, now) => {
    await checkUser(tx.db, actor, input);
    const created = await insertUser(tx.db, actor.workspaceId, input, now);
    if (!created) throw duplicateEmail();
    return created;
  });

export const getUser = (ctx: OpContext, actor: Actor, id: number) => getRecord(ctx, actor, USER, id);

export const usersOf = (ctx: OpContext, actor: Actor) =>
  listUsers(ctx.db, actor.workspaceId, visibleWhere(actor, "user"));

export const updateUser = (
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: Partial<Pick<User, "accountId" | "email" | "name" | "active">>,
) =>
  afterwardsForgetKeys(() =>
    updateRecord(ctx, actor, USER, id, input, (tx, merged) => checkUser(tx.db, actor, merged)),
  );
