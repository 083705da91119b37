import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";

const REPORTER = new URL("../scripts/set-up-failures.js", import.meta.url).href;

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
});
