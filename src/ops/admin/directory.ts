/** Accounts and users administration. */
import type { AccountType, Actor } from "../../domain/access.ts";
import { creation, diff } from "../../domain/audit/diff.ts";
import { Failure, invalid, notFound, unwrap } from "../../domain/errors.ts";
import { recordChanges } from "../../store/changes.ts";
import {
  type Account,
  findAccount,
  findUser,
  insertAccount,
  insertUser,
  listAccounts,
  listUsers,
  saveAccount,
  saveUser,
  type User,
} from "../../store/directory.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { definedOnly } from "./queues.ts";

const ACCOUNT_FIELDS = ["name", "type"] as const;
const USER_FIELDS = ["accountId", "email", "name", "active"] as const;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const duplicateEmail = () =>
  new Failure({
    code: "duplicate",
    message: "Another user has this email.",
    fields: [{ field: "email", message: "is taken" }],
  });

export async function createAccount(
  ctx: OpContext,
  actor: Actor,
  input: { name: string; type: AccountType },
) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const created = await insertAccount(tx, actor.workspaceId, input, now);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "account", id: created.id, revision: 1 },
        "created",
        creation(created, ACCOUNT_FIELDS),
        now,
        created,
      ),
    ]);
    return created;
  });
}

export async function getAccount(ctx: OpContext, actor: Actor, id: number): Promise<Account> {
  const found = Number.isSafeInteger(id) ? await findAccount(ctx.db, actor.workspaceId, id) : null;
  if (!found) throw notFound("account_not_found", "account");
  return found;
}

export const accountsOf = (ctx: OpContext, actor: Actor) => listAccounts(ctx.db, actor.workspaceId);

export async function updateAccount(
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: Partial<Pick<Account, "name" | "type">>,
) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = Number.isSafeInteger(id) ? await findAccount(tx, actor.workspaceId, id, true) : null;
    if (!current) throw notFound("account_not_found", "account");
    const merged = { ...current, ...definedOnly(input) };
    const changes = diff(current, merged, ACCOUNT_FIELDS);
    if (changes.length === 0) return current;
    const next = { ...merged, revision: current.revision + 1, updatedAt: now };
    await saveAccount(tx, actor.workspaceId, next);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "account", id, revision: next.revision },
        "updated",
        changes,
        now,
        next,
      ),
    ]);
    return next;
  });
}

function checkEmail(email: string | undefined) {
  if (email !== undefined && !EMAIL.test(email))
    unwrap(invalid([{ field: "email", message: "is not an email address" }]));
}

async function checkAccount(ctx: OpContext, actor: Actor, accountId: number | undefined) {
  if (accountId !== undefined && !(await findAccount(ctx.db, actor.workspaceId, accountId)))
    unwrap(invalid([{ field: "accountId", message: "refers to an account that does not exist" }]));
}

export async function createUser(
  ctx: OpContext,
  actor: Actor,
  input: { accountId: number; email: string; name: string },
) {
  const now = ctx.now();
  checkEmail(input.email);
  return ctx.db.transaction(async (tx) => {
    await checkAccount({ ...ctx, db: tx }, actor, input.accountId);
    const created = await insertUser(tx, actor.workspaceId, input, now);
    if (!created) throw duplicateEmail();
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "user", id: created.id, revision: 1 },
        "created",
        creation(created, USER_FIELDS),
        now,
        created,
      ),
    ]);
    return created;
  });
}

export async function getUser(ctx: OpContext, actor: Actor, id: number): Promise<User> {
  const found = Number.isSafeInteger(id) ? await findUser(ctx.db, actor.workspaceId, { id }) : null;
  if (!found) throw notFound("user_not_found", "user");
  return found;
}

export const usersOf = (ctx: OpContext, actor: Actor) => listUsers(ctx.db, actor.workspaceId);

export async function updateUser(
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: Partial<Pick<User, "accountId" | "email" | "name" | "active">>,
) {
  const now = ctx.now();
  checkEmail(input.email);
  return ctx.db.transaction(async (tx) => {
    const current = Number.isSafeInteger(id) ? await findUser(tx, actor.workspaceId, { id }, true) : null;
    if (!current) throw notFound("user_not_found", "user");
    await checkAccount({ ...ctx, db: tx }, actor, input.accountId);
    const merged = { ...current, ...definedOnly(input) };
    const changes = diff(current, merged, USER_FIELDS);
    if (changes.length === 0) return current;
    const next = { ...merged, revision: current.revision + 1, updatedAt: now };
    if (!(await saveUser(tx, actor.workspaceId, next))) throw duplicateEmail();
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "user", id, revision: next.revision },
        "updated",
        changes,
        now,
        next,
      ),
    ]);
    return next;
  });
}
