/** Browser sessions for the read-only pages: signing in with an API key, and the actor behind a session. */
import { randomBytes } from "node:crypto";
import type { Actor } from "../domain/access.ts";
import { deleteSession, findSessionHolder, insertSession } from "../store/sessions.ts";
import type { OpContext } from "./context.ts";
import { actorOfHolder, authenticate, hashKey } from "./credentials.ts";

/** A session lasts a working day; signing in again starts a new one. */
export const SESSION_SECONDS = 12 * 60 * 60;

export interface Session {
  /** The secret the browser holds (a cookie); only its hash is stored. */
  token: string;
  expiresAt: Date;
}

/** Opens a session for whoever holds `presentedKey`, or returns null when the key is not a live one. */
export async function signIn(ctx: OpContext, presentedKey: string): Promise<Session | null> {
  const actor = await authenticate(ctx.db, presentedKey);
  if (!actor) return null;
  const now = ctx.now();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000);
  await insertSession(ctx.db, {
    tokenHash: hashKey(token),
    workspaceId: actor.workspaceId,
    keyId: Number(actor.context.keyId),
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** The actor a live session acts as: the key's holder, while the key and the session both live. */
export async function sessionActor(ctx: OpContext, token: string): Promise<Actor | null> {
  if (token.length === 0 || token.length > 512) return null;
  const holder = await findSessionHolder(ctx.db, hashKey(token), ctx.now());
  return holder ? actorOfHolder(holder) : null;
}

export async function signOut(ctx: OpContext, token: string): Promise<void> {
  if (token.length > 0 && token.length <= 512) await deleteSession(ctx.db, hashKey(token));
}
