import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { exportJWK, generateKeyPair } from "jose";
import { isolatedEnv, runCliInProcess as runCli } from "../../test/processes.ts";

describe("casework clients", async () => {
  const env = await isolatedEnv();

  test("create prints the secret once; list never shows it; revoke marks the client", async () => {
    for (const args of [
      ["clients", "create", "--help"],
      ["clients", "list", "--help"],
      ["clients", "revoke", "--help"],
    ]) {
      const help = await runCli(args, env);
      assert.equal(help.status, 0, help.stderr);
    }
    assert.equal((await runCli(["workspaces", "create", "acme"], env)).status, 0);
    const created = await runCli(
      [
        "clients",
        "create",
        "--name",
        "desk app",
        "--scopes",
        "cases-public:read,case-fields-public:read",
        "-w",
        "acme",
      ],
      env,
    );
    assert.equal(created.status, 0, created.stderr);
    const id = /Created OAuth client (\d+) \(cases-public:read case-fields-public:read\)\./.exec(
      created.stdout,
    )?.[1];
    const clientId = /client_id: (cwc_\d+_[0-9a-f]{24})/.exec(created.stdout)?.[1];
    const secret = /client_secret \(shown this once\): (cws_\S+)/.exec(created.stdout)?.[1];
    assert.ok(id && clientId && secret, created.stdout);
    const listed = await runCli(["clients", "list", "-w", "acme"], env);
    assert.match(
      listed.stdout,
      new RegExp(
        `^${id}\\t${clientId}\\tdesk app\\tcases-public:read,case-fields-public:read\\tbasic\\tlive$`,
        "m",
      ),
    );
    assert.ok(!listed.stdout.includes(secret));
    const revoked = await runCli(["clients", "revoke", id, "-w", "acme"], env);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(
      (await runCli(["clients", "list", "-w", "acme"], env)).stdout,
      new RegExp(`^${id}\\t.*\\trevoked$`, "m"),
    );
  });

  test("a public key registers the client for signed assertions; bad input is one line", async () => {
    const pair = await generateKeyPair("ES256", { extractable: true });
    const file = join(tmpdir(), `casework-client-key-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(await exportJWK(pair.publicKey)));
    after(() => rmSync(file, { force: true }));
    const created = await runCli(
      ["clients", "create", "--name", "jwt app", "--public-key", file, "-w", "acme"],
      env,
    );
    assert.equal(created.status, 0, created.stderr);
    assert.match((await runCli(["clients", "list", "-w", "acme"], env)).stdout, /\tjwt app\t.*\tjwt\tlive$/m);
    for (const [args, pattern] of [
      [["clients", "create", "--name", "x", "--scopes", "admin", "-w", "acme"], /Unknown scope admin/],
      [
        ["clients", "create", "--name", "x", "--public-key", "/nonexistent.json", "-w", "acme"],
        /must be a file holding one JSON Web Key/,
      ],
      [["clients", "revoke", "99999", "-w", "acme"], /No live OAuth client exists/],
    ] as const) {
      const result = await runCli([...args], env);
      assert.equal(result.status, 1, result.stdout);
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trim().split("\n").length, 1);
    }
  });
});
