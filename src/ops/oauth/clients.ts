/** OAuth clients: registering one (its secret shown once), listing and revoking them, each change audited. */
import { createHash, randomBytes } from "node:crypto";
import { importJWK } from "jose";
import type { Actor } from "../../domain/access.ts";
import { type FieldError, invalid, unwrap } from "../../domain/errors.ts";
import { missing } from "../../domain/missing.ts";
import type { OAuthClient } from "../../domain/oauth/client.ts";
import type { ClientScope } from "../../domain/oauth/scopes.ts";
import { recordChanges } from "../../store/changes.ts";
import { findUser } from "../../store/directory.ts";
import { insertClient, listClients, revokeClient } from "../../store/oauth-clients.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { afterwardsForgetKeys } from "../verified-keys.ts";

/** Client assertions are verified with this algorithm only, so a key of another kind is refused up front. */
export const ASSERTION_ALGORITHM = "ES256";

export const hashSecret = (secret: string): Buffer => createHash("sha256").update(secret, "utf8").digest();

/** The client id names its workspace, so the token endpoint knows where to look before anything else. */
const newClientId = (workspaceId: number) => `cwc_${workspaceId}_${randomBytes(12).toString("hex")}`;

/** The workspace a client id names, or null when it is not one of ours. */
export function workspaceOfClientId(clientId: string): number | null {
  const match = /^cwc_([1-9][0-9]{0,15})_[0-9a-f]{24}$/.exec(clientId);
  return match && Number.isSafeInteger(Number(match[1])) ? Number(match[1]) : null;
}

export interface RegisteredClient {
  client: OAuthClient;
  /** The secret itself; only its hash is stored, so it cannot be shown again. */
  secret: string;
}

export interface ClientInput {
  name: string;
  scopes: ClientScope[];
  userId?: number;
  publicJwk?: Record<string, unknown> | null;
}

/** A registered key must be a public EC P-256 key: assertions are verified as ES256 and nothing else. */
async function checkPublicJwk(jwk: Record<string, unknown>): Promise<FieldError | null> {
  const path = ["publicJwk"];
  if (jwk.kty !== "EC" || jwk.crv !== "P-256")
    return { path, message: "must be an EC P-256 public key (kty EC, crv P-256) for ES256 assertions" };
  if ("d" in jwk) return { path, message: "must be the public key only; never send the private part" };
  try {
    await importJWK(jwk, ASSERTION_ALGORITHM);
    return null;
  } catch {
    return { path, message: "is not a valid JSON Web Key" };
  }
}

export async function createClient(
  ctx: OpContext,
  actor: Actor,
  input: ClientInput,
): Promise<RegisteredClient> {
  const keyProblem = input.publicJwk ? await checkPublicJwk(input.publicJwk) : null;
  if (keyProblem) unwrap(invalid([keyProblem]));
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const userId = input.userId ?? actor.userId;
    if (!(await findUser(tx, actor.workspaceId, { id: userId })))
      unwrap(invalid([{ path: ["userId"], message: "refers to a user that does not exist" }]));
    const secret = `cws_${randomBytes(32).toString("base64url")}`;
    const client = await insertClient(
      tx,
      {
        workspaceId: actor.workspaceId,
        clientId: newClientId(actor.workspaceId),
        name: input.name,
        secretHash: hashSecret(secret),
        userId,
        scopes: input.scopes,
        publicJwk: input.publicJwk ?? null,
      },
      now,
    );
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "oauth_client", id: client.id, revision: 1 },
        "created",
        [
          { field: "name", before: null, after: input.name },
          { field: "clientId", before: null, after: client.clientId },
          { field: "scopes", before: null, after: input.scopes },
          { field: "userId", before: null, after: userId },
          { field: "publicJwk", before: null, after: client.publicJwk !== null },
        ],
        now,
        client,
      ),
    ]);
    return { client, secret };
  });
}

export const clientsOf = (ctx: OpContext, actor: Actor) => listClients(ctx.db, actor.workspaceId);

/** Revokes a client: its tokens stop working at once here and within the verified-token memory elsewhere. */
export async function revokeOAuthClient(ctx: OpContext, actor: Actor, id: number): Promise<OAuthClient> {
  const now = ctx.now();
  // Clients are credentials, so an unknown one is key_not_found like an unknown API key.
  return afterwardsForgetKeys(() =>
    ctx.db.transaction(async (tx) => {
      const revoked = await revokeClient(tx, actor.workspaceId, id, now);
      if (!revoked) throw missing("oauth_client");
      await recordChanges(tx, [
        change(
          actorOf(actor),
          actor.workspaceId,
          { type: "oauth_client", id, revision: 2 },
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
