// Bundles the command line (src/cli/main.ts and everything it imports) into dist/casework.mjs, which
// bin/casework.js runs while it is newer than every source file: it starts without compiling TypeScript on
// the way. Packages stay in node_modules. Each module's `import.meta.url` keeps naming its own source file,
// so the files read beside the sources (migrations, package.json, the console's build) are found as before.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);

await build({
  absWorkingDir: root.pathname,
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/casework.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  plugins: [
    {
      name: "source-file-urls",
      setup(bundler) {
        bundler.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
          contents: (await readFile(path, "utf8")).replaceAll(
            "import.meta.url",
            JSON.stringify(pathToFileURL(path).href),
          ),
          loader: "ts",
        }));
      },
    },
  ],
});
