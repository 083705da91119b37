/**
 * The keys that sign access tokens: one current ES256 key per workspace, created on first need and kept in
 * the database, so any server verifies a token another signed. Public keys are immutable once written and
 * are remembered for good; the current signing key is re-read every few minutes so a rotation spreads.
 */
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Sql } from "../../store/db.ts";
import { currentSigningKey, findSigningKey, insertSigningKey } from "../../store/signing-keys.ts";

/** Pinned: tokens signed or presented with any other algorithm are refused. */
export const TOKEN_ALGORITHM = "ES256";
const SIGNING_KEY_TTL_MS = 5 * 60_000;

type KeyObject = CryptoKey | Uint8Array;
interface Signer {
  kid: string;
  key: KeyObject;
  until: number;
}

const signers = new WeakMap<Sql, Map<number, Signer>>();
const verifiers = new WeakMap<Sql, Map<string, KeyObject>>();

const cache = <K, V>(map: WeakMap<Sql, Map<K, V>>, sql: Sql): Map<K, V> => {
  const found = map.get(sql) ?? new Map<K, V>();
  map.set(sql, found);
  return found;
};

/** A key id names its workspace, so a verifier knows where to look it up before trusting anything else. */
export function workspaceOfKid(kid: unknown): number | null {
  const match = typeof kid === "string" ? /^([1-9][0-9]{0,15})\.[0-9a-f-]{36}$/.exec(kid) : null;
  return match && Number.isSafeInteger(Number(match[1])) ? Number(match[1]) : null;
}

/** The workspace's current signing key, created (and stored) when it has none. */
export async function signerOf(sql: Sql, workspaceId: number): Promise<{ kid: string; key: KeyObject }> {
  const known = cache(signers, sql).get(workspaceId);
  if (known && known.until > Date.now()) return known;
  let stored = await currentSigningKey(sql, workspaceId);
  if (!stored) {
    const pair = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
    // Two servers racing here each store a key; both verify, and the newest signs from then on.
    await insertSigningKey(sql, workspaceId, {
      kid: `${workspaceId}.${randomUUID()}`,
      algorithm: TOKEN_ALGORITHM,
      privateJwk: { ...(await exportJWK(pair.privateKey)) },
      publicJwk: { ...(await exportJWK(pair.publicKey)) },
    });
    stored = await currentSigningKey(sql, workspaceId);
  }
  if (!stored) throw new Error("no signing key after storing one");
  const signer = {
    kid: stored.kid,
    key: await importJWK(stored.privateJwk as JWK, TOKEN_ALGORITHM),
    until: Date.now() + SIGNING_KEY_TTL_MS,
  };
  cache(signers, sql).set(workspaceId, signer);
  return signer;
}

/** The public key a token names in its `kid`, or null when there is no such key. */
export async function verifierOf(sql: Sql, kid: unknown): Promise<KeyObject | null> {
  const workspaceId = workspaceOfKid(kid);
  if (workspaceId === null) return null;
  const known = cache(verifiers, sql).get(kid as string);
  if (known) return known;
  const stored = await findSigningKey(sql, workspaceId, kid as string);
  if (!stored || stored.algorithm !== TOKEN_ALGORITHM) return null;
  const key = await importJWK(stored.publicJwk as JWK, TOKEN_ALGORITHM);
  cache(verifiers, sql).set(kid as string, key);
  return key;
}
