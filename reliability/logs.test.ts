/** Secrets never reach the logs: a server logging everything it can is used with keys, and mints one. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isolatedEnv, startServerProcess } from "../test/processes.ts";

const ADMIN = "cw_logs_test_admin_secret_0123456789";
const WRONG = "cw_logs_test_wrong_secret_9876543210";

describe("secrets in logs", async () => {
  const env = { ...(await isolatedEnv()), CASEWORK_ADMIN_KEY: ADMIN, LOG_LEVEL: "trace" };

  test("no key, minted, used, presented wrongly or revoked, appears in the log", async () => {
    const server = await startServerProcess(env);
    const call = async (
      path: string,
      init: RequestInit & { key?: string; headers?: Record<string, string> } = {},
    ) => {
      const { key = ADMIN, headers = {}, ...rest } = init;
      return fetch(`${server.url}${path}`, {
        ...rest,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      });
    };
    const minted = await call("/api/v1/keys", {
      method: "POST",
      headers: { "idempotency-key": "mint-once" },
      body: JSON.stringify({ name: "logged?", scopes: ["cases:read", "cases:write"] }),
    });
    assert.equal(minted.status, 201);
    const { id, key: secret } = (await minted.json()) as { id: string; key: string };
    assert.equal((await call("/api/v1/me", { key: secret })).status, 200);
    assert.equal(
      (await call("/api/v1/cases", { method: "POST", key: secret, body: '{"title":"x"}' })).status,
      201,
    );
    assert.equal((await call("/api/v1/me", { key: WRONG })).status, 401);
    assert.equal(
      (await call("/api/v1/me", { headers: { authorization: WRONG, "x-api-key": secret } })).status,
      401,
    );
    assert.equal(
      (await call("/api/v1/me", { headers: { cookie: `session=${secret}` }, key: WRONG })).status,
      401,
    );
    assert.equal((await call(`/api/v1/keys/${id}`, { method: "DELETE" })).status, 200);
    assert.equal((await call("/api/v1/me", { key: secret })).status, 401);
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 0);

    const log = server.output();
    assert.match(log, /"msg":"request completed"/, "the server logged every request");
    assert.match(log, /"statusCode":401/);
    for (const [name, value] of Object.entries({ ADMIN, WRONG, secret }))
      assert.ok(!log.includes(value), `the ${name} secret appears in the log`);
  });
});
