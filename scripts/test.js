// Runs every *.test.ts under src/ and test/ with Node's test runner (TypeScript through tsx).
// `--root <dir>` runs another tree instead (npm run test:reliability runs reliability/); other arguments
// keep only the files whose path contains one of them.
//
// Test files share processes, TEST_FILES_PER_PROCESS (4) to each: loading the app's modules and compiling its
// schemas costs seconds of CPU, paid once per process. Each process imports its files in turn; a file that
// fails to load is a failed test named after it, and the others still run. TEST_CONCURRENCY (3) processes
// run at once.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Splits the files into `count` groups of near equal size, neighbours (one folder's files) kept together. */
function groups(files, perProcess) {
  const count = Math.ceil(files.length / perProcess);
  return Array.from({ length: count }, (_, i) =>
    files.slice(Math.floor((i * files.length) / count), Math.floor(((i + 1) * files.length) / count)),
  );
}

/** A test file that imports the group's files one after the other. */
const groupEntry = (files) => `import { test } from "node:test";
for (const file of ${JSON.stringify(
  files.map((file) => pathToFileURL(resolve(file)).href),
  null,
  2,
)}) {
  try {
    await import(file);
  } catch (error) {
    test(\`loading \${file}\`, () => {
      throw error;
    });
  }
}
`;

const args = process.argv.slice(2);
const rootAt = args.indexOf("--root");
const roots = rootAt === -1 ? ["src", "test"] : [args[rootAt + 1]];
const filter = rootAt === -1 ? args : args.filter((_, i) => i !== rootAt && i !== rootAt + 1);
const files = roots
  .flatMap(findTests)
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
  .sort();

const entries = mkdtempSync(join(tmpdir(), "casework-tests-"));
const perProcess = Math.max(1, Number(process.env.TEST_FILES_PER_PROCESS ?? 4));
const processes = groups(files, perProcess).map((group, i) => {
  const entry = join(entries, `process-${String(i + 1).padStart(2, "0")}.test.mjs`);
  writeFileSync(entry, groupEntry(group));
  console.log(`# ${entry.slice(entries.length + 1)}: ${group.join(" ")}`);
  return entry;
});
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
    ...processes,
  ],
  { stdio: "inherit" },
);
rmSync(entries, { recursive: true, force: true });
process.exit(result.status ?? 1);
