#!/usr/bin/env node
// The casework command: loads the TypeScript sources through tsx and runs the CLI.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
