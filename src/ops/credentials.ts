/** API keys: minting (shown once), authenticating in constant time, listing and revoking. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type Actor, hasScope, type Scope } from "../domain/access.ts";
import { Failure, invalid, notFound, unwrap } from "../domain/errors.ts";
import { recordChanges } from "../store/changes.ts";
import type { Sql } from "../store/db.ts";
import { findUser } from "../store/directory.ts";
import { type ApiKey, findKeyByHash, insertKey, type KeyHolder, listKeys, revokeKey } from "../store/keys.ts";
import { actorOf, change, type OpContext } from "./context.ts";
import { afterwardsForgetKeys, credentialGeneration, recall, remember } from "./verified-keys.ts";

const KEY_PREFIX = "cw_";

export const hashKey = (key: string): Buffer => createHash("sha256").update(key, "utf8").digest();

export const generateKey = (): string => KEY_PREFIX + randomBytes(32).toString("base64url");

export interface MintedKey {
  key: ApiKey;
  /** The secret itself; it is never stored and cannot be shown again. */
  secret: string;
}

/** Stores a key for `userId`; `secret` lets an operator choose the value (CASEWORK_ADMIN_KEY). */
export async function mintKey(
  sql: Sql,
  input: {
    workspaceId: number;
    userId: number;
    name: string;
    scopes: Scope[];
    secret?: string;
    expiresAt?: Date | null;
  },
  at?: Date,
): Promise<MintedKey> {
  const secret = input.secret ?? generateKey();
  const key = await insertKey(
    sql,
    {
      workspaceId: input.workspaceId,
      userId: input.userId,
      name: input.name,
      prefix: secret.slice(0, 7),
      scopes: input.scopes,
      tokenHash: hashKey(secret),
      expiresAt: input.expiresAt ?? null,
    },
    at,
  );
  return { key, secret };
}

/**
/**
 * Resolves a presented key to its actor, or null when it is unknown, revoked or expired at `now`. The key
 * is looked up by its SHA-256 hash (timing reveals nothing of the key itself) and the stored hash is
 * compared in constant time. A verified key is remembered for KEY_CACHE_TTL_MS (never past its expiry),
 * so most requests need no credential query.
 */
export async function authenticate(sql: Sql, presented: string, now?: Date): Promise<Actor | null> {
  if (presented.length === 0 || presented.length > 512) return null;
  const digest = hashKey(presented);
  const remembered = recall(sql, digest, now);
  if (remembered) return remembered;
  const since = credentialGeneration();
  const holder = await findKeyByHash(sql, digest, now);
  if (!holder || !timingSafeEqual(holder.tokenHash, digest)) return null;
  return remember(sql, digest, since, actorOfHolder(holder), holder.expiresAt);
}

/** The actor a live key acts as. */
export function actorOfHolder(holder: KeyHolder): Actor {
  return {
    workspaceId: holder.workspaceId,
    userId: holder.userId,
    label: holder.email,
    accountId: holder.accountId,
    accountType: holder.accountType,
    scopes: holder.scopes,
    context: { keyId: holder.keyId },
  };
}

export async function createKey(
  ctx: OpContext,
  actor: Actor,
  input: { name: string; scopes: Scope[]; userId?: number; expiresAt?: Date | null },
): Promise<MintedKey> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const userId = input.userId ?? actor.userId;
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
      unwrap(invalid([{ path: ["expiresAt"], message: "must be in the future" }]));
    if (!(await findUser(tx, actor.workspaceId, { id: userId })))
      unwrap(invalid([{ path: ["userId"], message: "refers to a user that does not exist" }]));
    if (input.scopes.some((scope) => !hasScope(actor, scope)))
      throw new Failure({ code: "forbidden", message: "A key cannot carry a scope its creator lacks." });
    const minted = await mintKey(
      tx,
      {
        workspaceId: actor.workspaceId,
        userId,
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
      },
      now,
    );
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "key", id: minted.key.id, revision: 1 },
        "created",
        [
          { field: "name", before: null, after: input.name },
          { field: "scopes", before: null, after: input.scopes },
          { field: "userId", before: null, after: userId },
          ...(input.expiresAt
            ? [{ field: "expiresAt", before: null, after: input.expiresAt.toISOString() }]
            : []),
        ],
        now,
        { ...minted.key },
      ),
    ]);
    return minted;
  });
}

export const keysOf = (ctx: OpContext, actor: Actor) => listKeys(ctx.db, actor.workspaceId);

export async function revokeApiKey(ctx: OpContext, actor: Actor, id: number): Promise<ApiKey> {
  const now = ctx.now();
  // A malformed path id arrives as NaN, which SQL would reject.
  if (!Number.isSafeInteger(id)) throw notFound("key_not_found");
  return afterwardsForgetKeys(() =>
    ctx.db.transaction(async (tx) => {
      const revoked = await revokeKey(tx, actor.workspaceId, id, now);
      if (!revoked) throw notFound("key_not_found");
      await recordChanges(tx, [
        change(
          actorOf(actor),
          actor.workspaceId,
          { type: "key", id, revision: 2 },
          "revoked",
          [{ field: "revokedAt", before: null, after: now.toISOString() }],
          now,
          revoked,
        ),
      ]);
      return revoked;
    }),
  );
}
