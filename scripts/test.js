// Runs every *.test.ts under src/ and test/ with Node's test runner (TypeScript through tsx).
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

const filter = process.argv.slice(2);
const files = ["src", "test"]
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
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 3}`,
    ...files,
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
