/** Authenticates an OAuth client by its secret (constant-time hash compare) or by a signed JWT assertion. */
import { timingSafeEqual } from "node:crypto";
import { decodeJwt, importJWK, type JWK, jwtVerify } from "jose";
import type { ClientProof, OAuthError } from "../../domain/oauth/token-request.ts";
import type { Sql } from "../../store/db.ts";
import { type ClientHolder, claimAssertion, findLiveClient } from "../../store/oauth-clients.ts";
import { ASSERTION_ALGORITHM, hashSecret, workspaceOfClientId } from "./clients.ts";

/** An assertion may live at most this long; its jti is kept that long to refuse replays. */
export const MAX_ASSERTION_LIFETIME_S = 600;

const refused = (description: string): OAuthError => ({ error: "invalid_client", description });

async function liveClient(sql: Sql, clientId: string | undefined): Promise<ClientHolder | null> {
  const workspaceId = clientId ? workspaceOfClientId(clientId) : null;
  return workspaceId === null ? null : findLiveClient(sql, workspaceId, clientId!);
}

async function bySecret(sql: Sql, clientId: string, secret: string): Promise<ClientHolder | OAuthError> {
  const holder = await liveClient(sql, clientId);
  // Hash even for an unknown client, so the answer takes as long either way.
  const digest = hashSecret(secret);
  if (!holder || !timingSafeEqual(holder.secretHash, digest))
    return refused("The client is unknown or revoked, or the secret is wrong.");
  return holder;
}

async function byAssertion(
  sql: Sql,
  proof: Extract<ClientProof, { kind: "assertion" }>,
  tokenUrl: string,
  now: Date,
): Promise<ClientHolder | OAuthError> {
  let issuer: unknown;
  try {
    issuer = decodeJwt(proof.assertion).iss;
  } catch {
    return refused("client_assertion is not a JWT.");
  }
  if (typeof issuer !== "string") return refused("client_assertion has no iss.");
  if (proof.clientId !== undefined && proof.clientId !== issuer)
    return refused("client_id and the assertion's iss differ.");
  const holder = await liveClient(sql, issuer);
  if (!holder?.client.publicJwk)
    return refused("The client is unknown or revoked, or has no registered key.");
  const key = await importJWK(holder.client.publicJwk as JWK, ASSERTION_ALGORITHM);
  let claims: { exp?: number; jti?: string };
  try {
    ({ payload: claims } = await jwtVerify(proof.assertion, key, {
      algorithms: [ASSERTION_ALGORITHM],
      issuer,
      subject: issuer,
      audience: tokenUrl,
      requiredClaims: ["exp", "jti"],
      currentDate: now,
    }));
  } catch (error) {
    return refused(`client_assertion was refused: ${(error as Error).message}`);
  }
  const expiresAt = new Date(claims.exp! * 1000);
  if (expiresAt.getTime() - now.getTime() > MAX_ASSERTION_LIFETIME_S * 1000)
    return refused(`client_assertion must expire within ${MAX_ASSERTION_LIFETIME_S} seconds.`);
  const fresh = await claimAssertion(
    sql,
    holder.client.workspaceId,
    holder.client.id,
    String(claims.jti),
    expiresAt,
    now,
  );
  return fresh ? holder : refused("client_assertion was used before (its jti is spent).");
}

/** The live client the proof belongs to, or the OAuth error to answer. */
export function authenticateClient(
  sql: Sql,
  proof: ClientProof,
  tokenUrl: string,
  now: Date,
): Promise<ClientHolder | OAuthError> {
  return proof.kind === "secret"
    ? bySecret(sql, proof.clientId, proof.secret)
    : byAssertion(sql, proof, tokenUrl, now);
}
