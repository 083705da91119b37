import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildTestApp } from "../../test/setup.ts";

const ORIGIN = "https://app.example.com";

describe("CORS", async () => {
  const t = await buildTestApp({ settings: { corsOrigins: [ORIGIN] } });
  const closed = await buildTestApp();

  test("a preflight from a listed origin is answered without a key, on every dialect", async () => {
    for (const url of ["/api/v1/cases", "/khoros/case/1"]) {
      const res = await t.request({
        method: "OPTIONS",
        url,
        key: null,
        headers: {
          origin: ORIGIN,
          "access-control-request-method": "PATCH",
          "access-control-request-headers": "authorization, content-type, if-match",
        },
      });
      assert.equal(res.statusCode, 204, `${url}: ${res.body}`);
      assert.equal(res.headers["access-control-allow-origin"], ORIGIN);
      assert.match(String(res.headers["access-control-allow-methods"]), /PATCH/);
      assert.match(String(res.headers["access-control-allow-headers"]), /if-match/);
    }
  });

  test("responses to a listed origin may be read, with their ETag; other origins get no grant", async () => {
    const ok = await t.request({ method: "GET", url: "/api/v1/me", headers: { origin: ORIGIN } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers["access-control-allow-origin"], ORIGIN);
    assert.match(String(ok.headers["access-control-expose-headers"]), /etag/);
    const stranger = await t.request({
      method: "GET",
      url: "/api/v1/me",
      headers: { origin: "https://evil.example.com" },
    });
    assert.equal(stranger.headers["access-control-allow-origin"], undefined);
  });

  test("without CASEWORK_CORS_ORIGINS no origin is granted", async () => {
    const res = await closed.request({ method: "GET", url: "/api/v1/me", headers: { origin: ORIGIN } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["access-control-allow-origin"], undefined);
  });
});
