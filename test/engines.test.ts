import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import semver from "semver";

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));
const pkg = read("package.json") as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = read("package-lock.json") as {
  packages: Record<string, { engines?: { node?: string } | string[]; hasInstallScript?: boolean }>;
};
const installed = Object.entries(lock.packages).filter(([path]) => path.startsWith("node_modules/"));
const nameOf = (path: string) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);

describe("a fresh install", () => {
  test("every dependency runs on the oldest Node the package declares (no EBADENGINE)", () => {
    const oldest = semver.minVersion(pkg.engines.node)!;
    const refusing = installed.flatMap(([path, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      return range && !semver.satisfies(oldest, range) ? [`${nameOf(path)} needs node ${range}`] : [];
    });
    assert.deepEqual(refusing, [], `engines.node is ${pkg.engines.node}`);
    assert.ok(
      semver.satisfies(process.version, pkg.engines.node),
      `this Node ${process.version} is supported`,
    );
  });

  test("every install script is decided in allowScripts (no install-script warning)", () => {
    const undecided = installed
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => nameOf(path))
      .filter((name) => pkg.allowScripts?.[name] === undefined);
    assert.deepEqual(undecided, []);
  });
});
