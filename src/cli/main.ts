/** Entry point of the casework command: runs the command line on this process's arguments. */
import { runCli } from "./program.ts";

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
// `serve` keeps running until a signal; every other command ends here.
if (code !== 0 || process.argv[2] !== "serve") process.exit(code);
