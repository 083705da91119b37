import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isolatedEnv, runCli } from "../../test/processes.ts";

describe("casework command line", async () => {
  const env = await isolatedEnv();

  test("every command has --help and exits 0", () => {
    for (const args of [
      ["--help"],
      ["serve", "--help"],
      ["migrate", "--help"],
      ["workspaces", "create", "--help"],
      ["workspaces", "list", "--help"],
      ["keys", "create", "--help"],
      ["keys", "list", "--help"],
      ["keys", "revoke", "--help"],
    ]) {
      const result = runCli(args, env);
      assert.equal(result.status, 0, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stdout, /Usage: casework/);
    }
  });

  test("migrate applies the migrations, then reports the database up to date", () => {
    const first = runCli(["migrate"], env);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /Applied: core|up to date/);
    const second = runCli(["migrate"], env);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /The database is up to date\./);
  });

  test("workspaces create and list", () => {
    const created = runCli(["workspaces", "create", "acme", "--name", "Acme Inc"], env);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created workspace "acme"/);
    assert.match(created.stdout, /Admin API key \(shown this once\): cw_[A-Za-z0-9_-]{43}/);
    const listed = runCli(["workspaces", "list"], env);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /\tacme\tAcme Inc/);
    const again = runCli(["workspaces", "create", "acme"], env);
    assert.notEqual(again.status, 0);
    assert.equal(again.stderr.trim().split("\n").length, 1);
    assert.match(again.stderr, /^casework: Workspace "acme" already exists\./);
  });

  test("keys create, list and revoke", () => {
    const created = runCli(["keys", "create", "--name", "ci bot", "--scopes", "cases:read", "-w", "acme"], env);
    assert.equal(created.status, 0, created.stderr);
    const match = /Created key (\d+) \(cases:read\): (cw_\S+)/.exec(created.stdout);
    assert.ok(match, created.stdout);
    const listed = runCli(["keys", "list", "-w", "acme"], env);
    assert.match(listed.stdout, new RegExp(`^${match[1]}\\t${match[2]!.slice(0, 7)}…\\tci bot\\tcases:read\\tlive$`, "m"));
    assert.ok(!listed.stdout.includes(match[2]!), "secrets are never listed");
    const revoked = runCli(["keys", "revoke", match[1]!, "-w", "acme"], env);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(runCli(["keys", "list", "-w", "acme"], env).stdout, new RegExp(`^${match[1]}\\t.*\\trevoked$`, "m"));
  });

  test("errors exit non-zero with one line", () => {
    for (const [args, pattern] of [
      [["keys", "revoke", "99999", "-w", "acme"], /No live API key exists/],
      [["keys", "create", "--name", "x", "--scopes", "root", "-w", "acme"], /Unknown scope root/],
      [["keys", "list", "-w", "nope"], /No workspace "nope"/],
      [["workspaces", "create", "Bad Slug"], /slug/],
    ] as const) {
      const result = runCli([...args], env);
      assert.equal(result.status, 1, `${args.join(" ")}: ${result.stdout}`);
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    }
    const unknown = runCli(["frobnicate"], env);
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr, /unknown command/);
  });
});
