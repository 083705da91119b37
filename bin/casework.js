#!/usr/bin/env node
// The casework command. It runs dist/casework.mjs, the command line bundled at install (npm run build:cli),
// while that bundle is newer than every file under src/; once a source file has changed since, it loads the
// TypeScript sources through tsx instead, so it always runs the code as it is.
import { existsSync, readdirSync, statSync } from "node:fs";

const bundle = new URL("../dist/casework.mjs", import.meta.url);

/** The latest modification time of the files under `dir`. */
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = new URL(entry.name + (entry.isDirectory() ? "/" : ""), dir);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (existsSync(bundle) && statSync(bundle).mtimeMs > newestUnder(new URL("../src/", import.meta.url))) {
  await import(bundle.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
