/** Console sessions: signing in with an email and a password, the actor behind a session, passwords. */
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Actor, Scope } from "../domain/access.ts";
import { Failure, invalid, unwrap } from "../domain/errors.ts";
import { missing } from "../domain/missing.ts";
import { can } from "../domain/policy.ts";
import type { Sql } from "../store/db.ts";
import {
  deleteSession,
  deleteSessionsOf,
  findSessionUser,
  findSignInUser,
  insertSession,
  type Role,
  type SessionUser,
  setPasswordHash,
} from "../store/sessions.ts";
import type { OpContext } from "./context.ts";
import { hashKey } from "./credentials.ts";

/** A session lasts a working day; signing in again starts a new one. */
export const SESSION_SECONDS = 12 * 60 * 60;
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 256;

/** The scopes a session of each role carries: agents work cases, admins also administer. */
const ROLE_SCOPES: Record<Role, Scope[]> = { admin: ["admin"], agent: ["cases:read", "cases:write"] };

export interface Session {
  /** The secret the browser holds (a cookie); only its hash is stored. */
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

// Verifying against a fixed hash when the email is unknown keeps the answer's timing the same either way.
const decoy = hash("no such user; this hash only spends time");

export const hashPassword = (password: string) => hash(password);

/** Opens a session for the user with this email and password, or returns null when they do not match. */
export async function signIn(
  ctx: OpContext,
  input: { workspace: string; email: string; password: string },
): Promise<Session | null> {
  if (input.password.length > PASSWORD_MAX_LENGTH) return null;
  const found = await findSignInUser(ctx.db, input.workspace, input.email.trim());
  const matches = await verify(found?.passwordHash ?? (await decoy), input.password).catch(() => false);
  if (!found?.passwordHash || !matches) return null;
  const now = ctx.now();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000);
  await insertSession(ctx.db, {
    tokenHash: hashKey(token),
    workspaceId: found.user.workspaceId,
    userId: found.user.userId,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt, user: found.user };
}

export const actorOfSessionUser = (user: SessionUser): Actor => ({
  workspaceId: user.workspaceId,
  userId: user.userId,
  label: user.email,
  accountId: user.accountId,
  accountType: user.accountType,
  scopes: ROLE_SCOPES[user.role],
  context: { via: "console" },
});

/** The actor a live session acts as: its user, with their role's scopes, while both live. */
export async function sessionActor(ctx: Pick<OpContext, "db" | "now">, token: string): Promise<Actor | null> {
  if (token.length === 0 || token.length > 512) return null;
  const user = await findSessionUser(ctx.db, hashKey(token), ctx.now());
  return user ? actorOfSessionUser(user) : null;
}

export async function signOut(ctx: OpContext, token: string): Promise<void> {
  if (token.length > 0 && token.length <= 512) await deleteSession(ctx.db, hashKey(token));
}

function checkPassword(password: string) {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH)
    unwrap(
      invalid([
        {
          path: ["password"],
          message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
        },
      ]),
    );
}

/** Sets a user's password (and role); their open sessions end. Used by the CLI and by administrators. */
export async function storePassword(
  sql: Sql,
  workspaceId: number,
  userId: number,
  password: string,
  role?: Role,
): Promise<void> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await sql.transaction(async (tx) => {
    if (!(await setPasswordHash(tx, workspaceId, userId, passwordHash, role))) throw missing("user");
    await deleteSessionsOf(tx, workspaceId, userId);
  });
}

/** An administrator sets the console password and role of a user of their workspace. */
export async function setUserPassword(
  ctx: OpContext,
  actor: Actor,
  userId: number,
  input: { password: string; role?: Role },
): Promise<void> {
  if (!can(actor, "directory.manage"))
    throw new Failure({ code: "forbidden", message: "Only administrators set passwords." });
  await storePassword(ctx.db, actor.workspaceId, userId, input.password, input.role);
}
