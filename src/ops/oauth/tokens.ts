/**
 * Access tokens: issued to an authenticated client as short-lived ES256 JWTs, and resolved back to the actor
 * of the client's user. A verified token is remembered like a verified API key, so revoking its client takes
 * effect at once on the server that revoked it and within KEY_CACHE_TTL_MS on the others.
 */
import { createHash, randomUUID } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import type { Actor } from "../../domain/access.ts";
import { grantedScopes } from "../../domain/oauth/scopes.ts";
import {
  isOAuthError,
  type OAuthError,
  readTokenRequest,
  type TokenRequest,
} from "../../domain/oauth/token-request.ts";
import type { Sql } from "../../store/db.ts";
import { type ClientHolder, findLiveClient } from "../../store/oauth-clients.ts";
import type { OpContext } from "../context.ts";
import { credentialGeneration, recall, remember } from "../verified-keys.ts";
import { authenticateClient } from "./client-auth.ts";
import { workspaceOfClientId } from "./clients.ts";
import { signerOf, TOKEN_ALGORITHM, verifierOf } from "./signing.ts";

/** Seconds an access token lives. */
export const TOKEN_LIFETIME_S = 600;
const ISSUER = "casework";
const AUDIENCE = "casework:cases";
const TOKEN_TYPE = "at+jwt";

export interface IssuedToken {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

/** Answers a token request: the token, or the RFC 6749 error to send. */
export async function issueToken(
  ctx: OpContext,
  request: TokenRequest,
  tokenUrl: string,
): Promise<IssuedToken | OAuthError> {
  const proof = readTokenRequest(request);
  if (isOAuthError(proof)) return proof;
  const now = ctx.now();
  const holder = await authenticateClient(ctx.db, proof, tokenUrl, now);
  if (isOAuthError(holder)) return holder;
  const scopes = grantedScopes(holder.client.scopes, request.scope);
  if (!scopes)
    return {
      error: "invalid_scope",
      description: `The client may ask only for: ${holder.client.scopes.join(" ")}.`,
    };
  const signer = await signerOf(ctx.db, holder.client.workspaceId);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const scope = scopes.join(" ");
  const token = await new SignJWT({ scope })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: signer.kid, typ: TOKEN_TYPE })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(holder.client.clientId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_LIFETIME_S)
    .sign(signer.key);
  return { access_token: token, token_type: "Bearer", expires_in: TOKEN_LIFETIME_S, scope };
}

function actorOfClient(holder: ClientHolder, scopes: string[]): Actor {
  const held = holder.client.scopes;
  return {
    workspaceId: holder.client.workspaceId,
    userId: holder.client.userId,
    label: holder.email,
    accountId: holder.accountId,
    accountType: holder.accountType,
    // A token never carries more than its client holds now.
    scopes: held.filter((scope) => scopes.includes(scope)),
    context: { oauthClientId: holder.client.id },
  };
}

/** The actor of a valid, unexpired token of a live client, or null. */
export async function authenticateToken(sql: Sql, token: string, now = new Date()): Promise<Actor | null> {
  if (token.length === 0 || token.length > 4096) return null;
  const digest = createHash("sha256").update(token, "utf8").digest();
  const remembered = recall(sql, digest, now);
  if (remembered) return remembered;
  const since = credentialGeneration();
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return null;
  }
  const key = await verifierOf(sql, kid);
  if (!key) return null;
  let claims: { sub?: string; scope?: unknown; exp?: number };
  try {
    ({ payload: claims } = await jwtVerify(token, key, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TOKEN_TYPE,
      requiredClaims: ["exp", "sub"],
      currentDate: now,
    }));
  } catch {
    return null;
  }
  const workspaceId = workspaceOfClientId(claims.sub ?? "");
  // The key and the client must be of one workspace: a key never vouches for another tenant's client.
  if (workspaceId === null || !String(kid).startsWith(`${workspaceId}.`)) return null;
  const holder = await findLiveClient(sql, workspaceId, claims.sub!);
  if (!holder) return null;
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
  return remember(sql, digest, since, actorOfClient(holder, scopes), new Date(claims.exp! * 1000));
}
