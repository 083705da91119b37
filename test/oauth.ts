/** Test helpers for OAuth clients: register one through the native API and get tokens from /oauth/token. */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { TestApp } from "./setup.ts";

export const TOKEN_URL = "http://localhost:80/oauth/token";

export interface TestClient {
  id: string;
  clientId: string;
  clientSecret: string;
  /** The private half of the registered key, when one was registered. */
  privateKey?: CryptoKey;
}

export const ALL_CLIENT_SCOPES = [
  "cases-public:read",
  "cases-public:write",
  "case-notes-public:write",
  "case-fields-public:read",
];

export async function registerClient(
  t: TestApp,
  options: { scopes?: string[]; userId?: string; withKey?: boolean; key?: string } = {},
): Promise<TestClient> {
  const pair = options.withKey ? await generateKeyPair("ES256", { extractable: true }) : undefined;
  const res = await t.request({
    method: "POST",
    url: "/api/v1/oauth-clients",
    key: options.key,
    payload: {
      name: `client ${randomUUID()}`,
      scopes: options.scopes ?? ALL_CLIENT_SCOPES,
      ...(options.userId ? { userId: options.userId } : {}),
      ...(pair ? { publicJwk: await exportJWK(pair.publicKey) } : {}),
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  return {
    id: body.id,
    clientId: body.clientId,
    clientSecret: body.clientSecret,
    privateKey: pair?.privateKey,
  };
}

export const basicHeader = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;

export function tokenRequest(t: TestApp, form: Record<string, string>, authorization?: string) {
  return t.app.inject({
    method: "POST",
    url: "/oauth/token",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(authorization ? { authorization } : {}),
    },
    payload: new URLSearchParams(form).toString(),
  });
}

/** A client assertion (private_key_jwt) signed with the client's key; `claims` override the defaults. */
export function assertion(client: TestClient, now: Date, claims: Record<string, unknown> = {}) {
  const iat = Math.floor(now.getTime() / 1000);
  const standard = { iss: client.clientId, sub: client.clientId, aud: TOKEN_URL, iat, exp: iat + 300 };
  return new SignJWT({ jti: randomUUID(), ...standard, ...claims })
    .setProtectedHeader({ alg: "ES256", kid: "client-key" })
    .sign(client.privateKey!);
}

/** An access token for the client via HTTP Basic. */
export async function accessToken(t: TestApp, client: TestClient, scope?: string): Promise<string> {
  const res = await tokenRequest(
    t,
    { grant_type: "client_credentials", ...(scope ? { scope } : {}) },
    basicHeader(client.clientId, client.clientSecret),
  );
  assert.equal(res.statusCode, 200, res.body);
  return res.json().access_token;
}
