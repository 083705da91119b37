import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { assertProblem } from "../../../test/native.ts";
import { assertion, basicHeader, registerClient, tokenRequest } from "../../../test/oauth.ts";
import { buildTestApp } from "../../../test/setup.ts";
import { authenticateToken } from "../../ops/oauth/tokens.ts";

const grant = { grant_type: "client_credentials" };

function assertOAuthError(
  res: { statusCode: number; json(): unknown; headers: Record<string, unknown> },
  status: number,
  error: string,
) {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  const body = res.json() as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ["error", "error_description"]);
  assert.equal(body.error, error);
  assert.equal(typeof body.error_description, "string");
  assert.equal(res.headers["cache-control"], "no-store");
}

describe("OAuth clients and the token endpoint", async () => {
  const t = await buildTestApp();

  test("an admin registers a client: the secret is shown once, never listed", async () => {
    const client = await registerClient(t, { scopes: ["cases-public:read"] });
    assert.match(client.clientId, /^cwc_\d+_[0-9a-f]{24}$/);
    assert.match(client.clientSecret, /^cws_[A-Za-z0-9_-]{43}$/);
    const listed = await t.request({ method: "GET", url: "/api/v1/oauth-clients" });
    assert.equal(listed.statusCode, 200);
    const entry = listed.json().data.find((c: { id: string }) => c.id === client.id);
    assert.deepEqual(Object.keys(entry).sort(), [
      "clientId",
      "createdAt",
      "id",
      "name",
      "publicJwk",
      "revokedAt",
      "scopes",
      "userId",
    ]);
    assert.ok(!listed.body.includes(client.clientSecret));
    const history = await t.db.query(
      "select action from audit_records where subject_type = 'oauth_client' and subject_id = $1",
      [client.id],
    );
    assert.deepEqual(
      history.map((row) => row.action),
      ["created"],
    );
  });

  test("registering checks scopes, the acting user and the key; only admins may", async () => {
    const post = (payload: object, key?: string) =>
      t.request({ method: "POST", url: "/api/v1/oauth-clients", payload, ...(key ? { key } : {}) });
    assertProblem(await post({ name: "x", scopes: ["admin"] }), 400, "validation_failed");
    assertProblem(
      await post({ name: "x", scopes: ["cases-public:read"], userId: "99999" }),
      400,
      "validation_failed",
    );
    assertProblem(
      await post({
        name: "x",
        scopes: ["cases-public:read"],
        publicJwk: { kty: "EC", crv: "P-256", x: "AA", y: "AA" },
      }),
      400,
      "validation_failed",
    );
    const reader = await t.request({
      method: "POST",
      url: "/api/v1/keys",
      payload: { name: "r", scopes: ["cases:read"] },
    });
    assertProblem(
      await post({ name: "x", scopes: ["cases-public:read"] }, reader.json().key),
      403,
      "forbidden",
    );
    assertProblem(
      await t.request({ method: "DELETE", url: "/api/v1/oauth-clients/999999" }),
      404,
      "key_not_found",
    );
    assertProblem(
      await t.request({ method: "DELETE", url: "/api/v1/oauth-clients/abc" }),
      404,
      "key_not_found",
    );
  });

  test("HTTP Basic gets a short-lived ES256 JWT with a kid and the granted scopes", async () => {
    const client = await registerClient(t, { scopes: ["cases-public:read", "cases-public:write"] });
    const res = await tokenRequest(t, grant, basicHeader(client.clientId, client.clientSecret));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers["cache-control"], "no-store");
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ["access_token", "expires_in", "scope", "token_type"]);
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 600);
    assert.equal(body.scope, "cases-public:read cases-public:write");
    const header = decodeProtectedHeader(body.access_token);
    assert.equal(header.alg, "ES256");
    assert.match(String(header.kid), /^\d+\.[0-9a-f-]{36}$/);
    const claims = decodeJwt(body.access_token);
    assert.equal(claims.sub, client.clientId);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 600);
    const actor = await authenticateToken(t.db, body.access_token, t.clock.now);
    assert.deepEqual(actor?.scopes, ["cases-public:read", "cases-public:write"]);

    const narrowed = await tokenRequest(
      t,
      { ...grant, scope: "cases-public:read" },
      basicHeader(client.clientId, client.clientSecret),
    );
    assert.equal(narrowed.json().scope, "cases-public:read");
    const posted = await tokenRequest(t, {
      ...grant,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    assert.equal(posted.statusCode, 200, posted.body);
  });

  test("RFC 6749 errors: bad client, grant, scope and request", async () => {
    const client = await registerClient(t, { scopes: ["cases-public:read"] });
    const good = basicHeader(client.clientId, client.clientSecret);
    assertOAuthError(
      await tokenRequest(t, grant, basicHeader(client.clientId, "wrong")),
      401,
      "invalid_client",
    );
    assertOAuthError(
      await tokenRequest(t, grant, basicHeader("cwc_1_000000000000000000000000", "x")),
      401,
      "invalid_client",
    );
    assertOAuthError(await tokenRequest(t, grant, "Basic !!!"), 401, "invalid_client");
    assertOAuthError(await tokenRequest(t, grant), 401, "invalid_client");
    assertOAuthError(await tokenRequest(t, { grant_type: "password" }, good), 400, "unsupported_grant_type");
    assertOAuthError(await tokenRequest(t, {}, good), 400, "invalid_request");
    assertOAuthError(
      await tokenRequest(t, { ...grant, scope: "cases-public:write" }, good),
      400,
      "invalid_scope",
    );
    const json = await t.app.inject({
      method: "POST",
      url: "/oauth/token",
      headers: { authorization: good, "content-type": "application/json" },
      payload: JSON.stringify(grant),
    });
    assertOAuthError(json, 400, "invalid_request");
    const repeated = await t.app.inject({
      method: "POST",
      url: "/oauth/token",
      headers: { authorization: good, "content-type": "application/x-www-form-urlencoded" },
      payload: "grant_type=client_credentials&grant_type=client_credentials",
    });
    assertOAuthError(repeated, 400, "invalid_request");
    assertOAuthError(await t.app.inject({ method: "GET", url: "/oauth/nothing" }), 404, "invalid_request");
  });

  test("a signed client assertion authenticates once; replayed, expired, misaddressed or foreign ones do not", async () => {
    const client = await registerClient(t, { scopes: ["cases-public:read"], withKey: true });
    const form = (jwt: string) => ({
      ...grant,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: jwt,
    });
    const jwt = await assertion(client, t.clock.now);
    const ok = await tokenRequest(t, form(jwt));
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().scope, "cases-public:read");
    assertOAuthError(await tokenRequest(t, form(jwt)), 401, "invalid_client");
    const past = new Date(t.clock.now.getTime() - 3_600_000);
    assertOAuthError(await tokenRequest(t, form(await assertion(client, past))), 401, "invalid_client");
    assertOAuthError(
      await tokenRequest(
        t,
        form(await assertion(client, t.clock.now, { aud: "https://elsewhere/oauth/token" })),
      ),
      401,
      "invalid_client",
    );
    assertOAuthError(
      await tokenRequest(t, form(await assertion(client, t.clock.now, { sub: "someone-else" }))),
      401,
      "invalid_client",
    );
    const stranger = await registerClient(t, { scopes: ["cases-public:read"], withKey: true });
    const forged = await assertion({ ...stranger, clientId: client.clientId }, t.clock.now);
    assertOAuthError(await tokenRequest(t, form(forged)), 401, "invalid_client");
    assertOAuthError(await tokenRequest(t, form("not-a-jwt")), 401, "invalid_client");
    const basicOnly = await registerClient(t, { scopes: ["cases-public:read"] });
    assertOAuthError(
      await tokenRequest(
        t,
        form(await assertion({ ...basicOnly, privateKey: client.privateKey }, t.clock.now)),
      ),
      401,
      "invalid_client",
    );
  });

  test("a revoked client gets no token, and its tokens stop authenticating", async () => {
    const client = await registerClient(t, { scopes: ["cases-public:read"] });
    const res = await tokenRequest(t, grant, basicHeader(client.clientId, client.clientSecret));
    const token = res.json().access_token as string;
    assert.ok(await authenticateToken(t.db, token, t.clock.now));
    const revoked = await t.request({ method: "DELETE", url: `/api/v1/oauth-clients/${client.id}` });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.ok(revoked.json().revokedAt);
    assert.equal(await authenticateToken(t.db, token, t.clock.now), null);
    assertOAuthError(
      await tokenRequest(t, grant, basicHeader(client.clientId, client.clientSecret)),
      401,
      "invalid_client",
    );
    assertProblem(
      await t.request({ method: "DELETE", url: `/api/v1/oauth-clients/${client.id}` }),
      404,
      "key_not_found",
    );
  });

  test("expired and tampered tokens do not authenticate", async () => {
    const client = await registerClient(t, { scopes: ["cases-public:read"] });
    const token = (await tokenRequest(t, grant, basicHeader(client.clientId, client.clientSecret))).json()
      .access_token as string;
    assert.equal(await authenticateToken(t.db, token, new Date(t.clock.now.getTime() + 601_000)), null);
    const [head, body, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(body!, "base64url").toString());
    const widened = Buffer.from(JSON.stringify({ ...claims, scope: "cases-public:write" })).toString(
      "base64url",
    );
    assert.equal(await authenticateToken(t.db, `${head}.${widened}.${signature}`, t.clock.now), null);
    assert.equal(
      await authenticateToken(t.db, `${head}.${body}.${signature!.slice(0, -4)}AAAA`, t.clock.now),
      null,
    );
    const none = Buffer.from(JSON.stringify({ alg: "none", kid: decodeProtectedHeader(token).kid })).toString(
      "base64url",
    );
    assert.equal(await authenticateToken(t.db, `${none}.${body}.`, t.clock.now), null);
  });
});
