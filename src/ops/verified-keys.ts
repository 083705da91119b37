/**
 * Verified API keys, remembered for a few seconds per database so that a request usually needs no
 * credential query. A change that can withdraw a key (revoking it, deactivating or moving its user,
 * retyping its account) forgets every remembered key in this process at once; other server processes
 * notice within KEY_CACHE_TTL_MS.
 */
import type { Actor } from "../domain/access.ts";
import type { Sql } from "../store/db.ts";

export const KEY_CACHE_TTL_MS = 10_000;
const MAX_REMEMBERED = 10_000;

interface Remembered {
  actor: Actor;
  /** The generation current before the key was read from the database. */
  generation: number;
  /** When this memory lapses (ms since the epoch, process clock). */
  expires: number;
  /** When the key itself expires, if ever: it is not honoured from then on, whatever is remembered. */
  keyExpiresAt: Date | null;
}

const byDatabase = new WeakMap<Sql, Map<string, Remembered>>();
let generation = 0;

export const credentialGeneration = () => generation;

/**
 * The actor of a key digest verified lately, unless a credential change came after it was read or the key
 * has expired by `now` (the clock the caller decides expiry with).
 */
export function recall(sql: Sql, digest: Buffer, now = new Date()): Actor | null {
  const found = byDatabase.get(sql)?.get(digest.toString("base64"));
  if (!found || found.generation !== generation || found.expires <= Date.now()) return null;
  if (found.keyExpiresAt && found.keyExpiresAt <= now) return null;
  return found.actor;
}

/** Remembers a verified key, read from the database while `since` was the generation; returns the actor. */
export function remember(
  sql: Sql,
  digest: Buffer,
  since: number,
  actor: Actor,
  keyExpiresAt: Date | null,
): Actor {
  const keys = byDatabase.get(sql) ?? new Map<string, Remembered>();
  byDatabase.set(sql, keys);
  if (keys.size >= MAX_REMEMBERED) keys.delete(keys.keys().next().value!);
  keys.set(digest.toString("base64"), {
    actor,
    generation: since,
    expires: Date.now() + KEY_CACHE_TTL_MS,
    keyExpiresAt,
  });
  return actor;
}

/** Runs a change that can withdraw keys, then forgets every remembered key (whatever the outcome). */
export async function afterwardsForgetKeys<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } finally {
    generation += 1;
  }
}
