/** The console's built files (web/dist): the HTML shell every console address answers with, and its assets. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyReply } from "fastify";

export const BUILT_CONSOLE = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

/** Scripts, styles and data come from this server only. */
export const CONSOLE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

let shell: string | null = null;

function readShell(): string | null {
  try {
    shell ??= readFileSync(`${BUILT_CONSOLE}index.html`, "utf8");
  } catch {
    return null;
  }
  return shell;
}

/** Sends the console's page; the browser-side router shows what the address names. */
export function sendShell(reply: FastifyReply) {
  const page = readShell();
  reply.headers({ ...CONSOLE_HEADERS, "cache-control": "no-cache" }).type("text/html; charset=utf-8");
  if (page) return reply.code(200).send(page);
  return reply
    .code(503)
    .send(
      "<!doctype html><title>Casework</title><p>The console is not built; run <code>npm run build:web</code>.</p>",
    );
}
