import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";

const REPORTER = new URL("../scripts/set-up-failures.js", import.meta.url).href;
const RUNNER = new URL("../scripts/test.js", import.meta.url).pathname;

describe("a failed set-up", () => {
  test("is a failed test in the run's closing count, named, and the run exits non-zero", () => {
    const dir = mkdtempSync(join(tmpdir(), "casework-setup-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "broken.test.mjs");
    writeFileSync(
      file,
      `import { describe, test } from "node:test";
describe("needs a database", async () => {
  await Promise.reject(new Error("Connection terminated due to connection timeout"));
  test("never registered", () => {});
});
test("fine", () => {});
`,
    );
    const run = spawnSync(
      process.execPath,
      [
        "--test",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        `--test-reporter=${REPORTER}`,
        "--test-reporter-destination=stdout",
        file,
      ],
      // Without the parent runner's context variable, so the child reports to its own stdout.
      { encoding: "utf8", env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
    );
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stdout, /✖ set-up of "needs a database" .* failed: Connection terminated/);
    assert.match(run.stdout, /^tests: 1 passed, 1 failed$/m);
  });

  test("a test file that cannot load fails by name, and the other files of its process still run", () => {
    const dir = mkdtempSync(join(tmpdir(), "casework-load-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "a-broken.test.ts"), `throw new Error("cannot load");\n`);
    writeFileSync(
      join(dir, "b-fine.test.ts"),
      `import { test } from "node:test";\ntest("runs although its neighbour failed to load", () => {});\n`,
    );
    const run = spawnSync(process.execPath, [RUNNER, "--root", dir], {
      encoding: "utf8",
      env: { ...process.env, NODE_TEST_CONTEXT: undefined, TEST_FILES_PER_PROCESS: "2" },
    });
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stdout, /# process-01\.test\.mjs: \S*a-broken\.test\.ts \S*b-fine\.test\.ts/);
    assert.match(run.stdout, /✖ loading \S*a-broken\.test\.ts/);
    assert.match(run.stdout, /✔ runs although its neighbour failed to load/);
    assert.match(run.stdout, /^tests: 1 passed, 1 failed$/m);
  });
});
