import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { me } from "../../test/native.ts";
import { runCliInProcess as runCli } from "../../test/processes.ts";
import { buildTestApp } from "../../test/setup.ts";

describe("keys create --server", async () => {
  const t = await buildTestApp();
  const server = await t.app.listen({ port: 0, host: "127.0.0.1" });
  const { accountId } = await me(t);
  const user = await t.request({
    method: "POST",
    url: "/api/v1/users",
    payload: { accountId, email: "Khoros.Agent@example.com", name: "Khoros" },
  });
  assert.equal(user.statusCode, 201, user.body);

  test("mints a key through the running server, acting as the chosen user", async () => {
    const created = await runCli(
      [
        "keys",
        "create",
        "--server",
        server,
        "--key",
        t.key,
        "--name",
        "khoros",
        "--user",
        "khoros.agent@example.com",
        "--expires-in",
        "1d",
      ],
      {},
    );
    assert.equal(created.status, 0, created.stderr);
    const match = /^Created key (\d+) \(cases:read, cases:write, expires \S+\): (cw_\S+)$/m.exec(
      created.stdout,
    );
    assert.ok(match, created.stdout);
    const acting = await me(t, match[2]!);
    assert.equal(acting.id, user.json().id);
  });

  test("says what went wrong: no key, a refused key, an unknown user, no server", async () => {
    for (const [args, pattern] of [
      [["--server", server], /--server needs --key/],
      [["--server", server, "--key", "cw_wrong"], /answered 401/],
      [["--server", server, "--key", t.key, "--user", "nobody@x"], /No user .* has the email nobody@x/],
      [["--server", "http://127.0.0.1:9", "--key", t.key], /Cannot reach http:\/\/127\.0\.0\.1:9/],
    ] as const) {
      const result = await runCli(["keys", "create", "--name", "x", ...args], {});
      assert.equal(result.status, 1, result.stdout);
      assert.match(result.stderr, pattern);
    }
  });
});
