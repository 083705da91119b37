import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { accessToken, registerClient } from "../../../test/oauth.ts";
import { buildTestApp } from "../../../test/setup.ts";
import { assertTalkdeskError, talkdesk } from "../../../test/talkdesk.ts";

/** Every endpoint and the one scope it needs. */
const ENDPOINTS = [
  ["POST", "/core/va/cases", "cases-public:write", { title: "x", description: "" }],
  ["GET", "/core/va/cases", "cases-public:read"],
  ["GET", "/core/va/cases/1", "cases-public:read"],
  ["PATCH", "/core/va/cases/1", "cases-public:write", { title: "y" }],
  ["GET", "/core/va/cases/info?email=nobody@example.com", "cases-public:read"],
  ["DELETE", "/core/va/cases?ids=999999", "cases-public:write"],
  ["DELETE", "/core/va/cases/deleted-cases?ids=999999", "cases-public:write"],
  ["PATCH", "/core/va/notes/999999", "case-notes-public:write", { note_body: "z" }],
  ["GET", "/meta/va/fields", "case-fields-public:read"],
] as const;

describe("Talkdesk credentials and scopes", async () => {
  const t = await buildTestApp();
  const seeded = await t.request({ method: "POST", url: "/api/v1/cases", payload: { title: "Seeded" } });
  assert.equal(seeded.json().id, "1");

  test("each endpoint needs its scope: 403 without it, not 403 with it", async () => {
    for (const [method, url, scope, payload] of ENDPOINTS) {
      const others = await registerClient(t, {
        scopes: [
          "cases-public:read",
          "cases-public:write",
          "case-notes-public:write",
          "case-fields-public:read",
        ].filter((s) => s !== scope),
      });
      const without = await talkdesk(t, await accessToken(t, others), {
        method,
        url,
        ...(payload ? { payload } : {}),
      });
      assertTalkdeskError(without, 403, "forbidden");
      const only = await accessToken(t, await registerClient(t, { scopes: [scope] }));
      const withIt = await talkdesk(t, only, { method, url, ...(payload ? { payload } : {}) });
      assert.notEqual(withIt.statusCode, 403, `${method} ${url}: ${withIt.body}`);
      assert.notEqual(withIt.statusCode, 401, `${method} ${url}: ${withIt.body}`);
    }
  });

  test("no token, an expired, tampered or foreign-signed token, and a revoked client's token are 401", async () => {
    const client = await registerClient(t, { scopes: ["cases-public:read"] });
    const token = await accessToken(t, client);
    const list = (bearer: string | null) => talkdesk(t, bearer, { method: "GET", url: "/core/va/cases" });
    assert.equal((await list(token)).statusCode, 200);
    const none = assertTalkdeskError(await list(null), 401, "unauthenticated");
    assert.match(none.description, /\/oauth\/token/);
    assertTalkdeskError(await list("not-a-token"), 401, "unauthenticated");
    const [head, body, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(body!, "base64url").toString());
    const widened = Buffer.from(JSON.stringify({ ...claims, scope: "cases-public:write" })).toString(
      "base64url",
    );
    assertTalkdeskError(await list(`${head}.${widened}.${signature}`), 401, "unauthenticated");
    const stranger = await generateKeyPair("ES256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: decodeProtectedHeader(token).kid!, typ: "at+jwt" })
      .sign(stranger.privateKey);
    assertTalkdeskError(await list(forged), 401, "unauthenticated");
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 601_000);
    assertTalkdeskError(await list(token), 401, "unauthenticated");
    t.clock.now = saved;
    assert.equal((await list(token)).statusCode, 200);
    await t.request({ method: "DELETE", url: `/api/v1/oauth-clients/${client.id}` });
    const revoked = await list(token);
    assertTalkdeskError(revoked, 401, "unauthenticated");
    assert.match(String(revoked.headers["www-authenticate"]), /^Bearer/);
  });

  test("a Casework API key is accepted as a bearer token, its scopes standing for Talkdesk's", async () => {
    const reader = (
      await t.request({ method: "POST", url: "/api/v1/keys", payload: { name: "r", scopes: ["cases:read"] } })
    ).json().key;
    assert.equal((await talkdesk(t, reader, { method: "GET", url: "/core/va/cases/1" })).statusCode, 200);
    assert.equal((await talkdesk(t, reader, { method: "GET", url: "/meta/va/fields" })).statusCode, 200);
    assertTalkdeskError(
      await talkdesk(t, reader, { method: "PATCH", url: "/core/va/cases/1", payload: { title: "no" } }),
      403,
      "forbidden",
    );
    assert.equal(
      (await talkdesk(t, t.key, { method: "PATCH", url: "/core/va/cases/1", payload: { title: "yes" } }))
        .statusCode,
      200,
    );
    assertTalkdeskError(
      await talkdesk(t, "cw_not_a_key", { method: "GET", url: "/core/va/cases" }),
      401,
      "unauthenticated",
    );
  });
});
