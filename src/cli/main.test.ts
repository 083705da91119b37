import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { isolatedEnv, runCliInProcess as runCli, runCli as runProcess } from "../../test/processes.ts";

describe("casework command line", async () => {
  const env = await isolatedEnv();

  test("the executable exits 0 with help, and 1 with a one-line error", () => {
    const help = runProcess(["--help"], env);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: casework/);
    const failed = runProcess(["keys", "list", "-w", "nope"], env);
    assert.equal(failed.status, 1);
    assert.equal(failed.stderr, 'casework: No workspace "nope" (see: casework workspaces list).\n');
  });

  test("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const printed = await runCli(["--version"], env);
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(printed.stdout, `${version}\n`);
  });

  test("every command has --help and exits 0", async () => {
    for (const args of [
      ["--help"],
      ["serve", "--help"],
      ["migrate", "--help"],
      ["workspaces", "create", "--help"],
      ["workspaces", "list", "--help"],
      ["keys", "create", "--help"],
      ["keys", "list", "--help"],
      ["keys", "revoke", "--help"],
      ["users", "create", "--help"],
      ["users", "set-password", "--help"],
    ]) {
      const result = await runCli(args, env);
      assert.equal(result.status, 0, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stdout, /Usage: casework/);
    }
  });

  test("migrate applies the migrations, then reports the database up to date", async () => {
    const empty = await isolatedEnv({ migrated: false });
    const first = await runCli(["migrate"], empty);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^Applied: core, /);
    const second = await runCli(["migrate"], empty);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /The database is up to date\./);
  });

  test("workspaces create and list", async () => {
    const created = await runCli(["workspaces", "create", "acme", "--name", "Acme Inc"], env);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created workspace "acme"/);
    assert.match(created.stdout, /Admin API key \(shown this once\): cw_[A-Za-z0-9_-]{43}/);
    const listed = await runCli(["workspaces", "list"], env);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /\tacme\tAcme Inc/);
    const again = await runCli(["workspaces", "create", "acme"], env);
    assert.notEqual(again.status, 0);
    assert.equal(again.stderr.trim().split("\n").length, 1);
    assert.match(again.stderr, /^casework: Workspace "acme" already exists\./);
  });

  test("keys create, list and revoke", async () => {
    const created = await runCli(
      ["keys", "create", "--name", "ci bot", "--scopes", "cases:read", "-w", "acme"],
      env,
    );
    assert.equal(created.status, 0, created.stderr);
    const match = /Created key (\d+) \(cases:read\): (cw_\S+)/.exec(created.stdout);
    assert.ok(match, created.stdout);
    const listed = await runCli(["keys", "list", "-w", "acme"], env);
    assert.match(
      listed.stdout,
      new RegExp(
        `^${match[1]}\\t${match[2]!.slice(0, 7)}…\\tci bot\\tcases:read\\tlive\\tnever expires$`,
        "m",
      ),
    );
    assert.ok(!listed.stdout.includes(match[2]!), "secrets are never listed");
    const revoked = await runCli(["keys", "revoke", match[1]!, "-w", "acme"], env);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(
      (await runCli(["keys", "list", "-w", "acme"], env)).stdout,
      new RegExp(`^${match[1]}\\t.*\\trevoked\\tnever expires$`, "m"),
    );
  });

  test("keys create --expires-in sets an expiry", async () => {
    const before = Date.now();
    const created = await runCli(
      ["keys", "create", "--name", "temp", "--expires-in", "2h", "-w", "acme"],
      env,
    );
    assert.equal(created.status, 0, created.stderr);
    const match = /Created key (\d+) \(cases:read, cases:write, expires (\S+)\): cw_\S+/.exec(created.stdout);
    assert.ok(match, created.stdout);
    const expiresIn = Date.parse(match[2]!) - before;
    const listed = await runCli(["keys", "list", "-w", "acme"], env);
    assert.match(listed.stdout, new RegExp(`^${match[1]}\\t.*\\tlive\\texpires ${match[2]}$`, "m"));
    assert.ok(expiresIn > 7_100_000 && expiresIn <= 7_200_000 + 60_000, `expires in ${expiresIn} ms`);
    const bad = await runCli(["keys", "create", "--name", "x", "--expires-in", "soon", "-w", "acme"], env);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--expires-in takes a number and a unit/);
  });

  test("errors exit non-zero with one line", async () => {
    for (const [args, pattern] of [
      [["keys", "revoke", "99999", "-w", "acme"], /No live API key exists/],
      [["keys", "create", "--name", "x", "--scopes", "root", "-w", "acme"], /Unknown scope root/],
      [["keys", "list", "-w", "nope"], /No workspace "nope"/],
      [
        ["keys", "create", "--name", "x", "--user", "nobody@x", "-w", "acme"],
        /^casework: No user of workspace "acme" has the email nobody@x \(see: GET \/api\/v1\/users\)\.$/m,
      ],
      [["workspaces", "create", "Bad Slug"], /slug/],
    ] as const) {
      const result = await runCli([...args], env);
      assert.equal(result.status, 1, `${args.join(" ")}: ${result.stdout}`);
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    }
    const unknown = await runCli(["frobnicate"], env);
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr, /unknown command/);
  });
});
