// Runs every *.test.ts under src/ and test/ with Node's test runner (TypeScript through tsx).
// `--root <dir>` runs another tree instead (npm run test:reliability runs reliability/); other arguments
// keep only the files whose path contains one of them.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const args = process.argv.slice(2);
const rootAt = args.indexOf("--root");
const roots = rootAt === -1 ? ["src", "test"] : [args[rootAt + 1]];
const filter = rootAt === -1 ? args : args.filter((_, i) => i !== rootAt && i !== rootAt + 1);
const files = roots
  .flatMap(findTests)
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
  .sort();
const result = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    `--test-reporter=${new URL("./set-up-failures.js", import.meta.url).href}`,
    "--test-reporter-destination=stdout",
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 3}`,
    ...files,
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
