import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isolatedEnv, runCliInProcess as runCli } from "../../test/processes.ts";

describe("casework webhooks and events commands", async () => {
  const env = await isolatedEnv();
  const run = async (...args: string[]) => {
    const result = await runCli(args, env);
    assert.equal(result.status, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };

  test("create prints the secret once; list, update, rotate, attempts, delete; the backlog", async () => {
    await run("workspaces", "create", "hooks");
    const created = await run(
      "webhooks",
      "create",
      "-w",
      "hooks",
      "--url",
      "https://hooks.example.com/in",
      "--topics",
      "case.created,contact.*",
    );
    const id = /Created webhook (\d+) for case\.created, contact\.\*\./.exec(created)?.[1];
    assert.ok(id, created);
    const secret = /Signing secret \(shown this once\): (whsec_\S+)/.exec(created)?.[1];
    assert.ok(secret);
    const listed = await run("webhooks", "list", "-w", "hooks");
    assert.equal(listed, `${id}\thealthy\tactive\thttps://hooks.example.com/in\tcase.created,contact.*\n`);
    assert.ok(!listed.includes(secret));
    assert.match(await run("webhooks", "update", id, "-w", "hooks", "--pause"), /\tpaused\t/);
    const rotated = await run("webhooks", "rotate-secret", id, "-w", "hooks", "--overlap", "1h");
    assert.match(rotated, /New signing secret \(shown this once\): whsec_/);
    assert.ok(!rotated.includes(secret));
    assert.equal(await run("webhooks", "attempts", id, "-w", "hooks"), "");
    assert.match(await run("events"), /undispatched events: \d+\npending deliveries: {2}0\n/);
    assert.equal(await run("webhooks", "delete", id, "-w", "hooks"), `Deleted webhook ${id}.\n`);
  });

  test("bad input is a one-line error naming the field", async () => {
    const refused = await runCli(
      ["webhooks", "create", "-w", "hooks", "--url", "http://10.0.0.1/", "--topics", "case.created"],
      env,
    );
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^casework: url: must be an https URL\n$/);
    const unknown = await runCli(["webhooks", "delete", "999", "-w", "hooks"], env);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /No webhook exists/);
  });
});
