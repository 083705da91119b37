/**
 * The addresses people open from links (`/w/{workspace}/cases/{number}`, the Khoros case `url`, and
 * contacts likewise): each answers with the console, which shows what the address names.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { sendShell } from "../console/shell.ts";
import type { Dialect, WireError } from "../dialect.ts";
import { PAGE_STATUS } from "./status.ts";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function renderErrorPage(reply: FastifyReply, error: WireError) {
  const message = error.status >= 500 ? "Something went wrong; try again shortly." : error.message;
  const text = message.replace(/[&<>"]/g, (char) => ENTITIES[char]!);
  return reply
    .code(error.status)
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="en"><title>Casework</title><p>${text}</p><p><a href="/">Casework</a></p></html>`,
    );
}

async function routes(app: FastifyInstance) {
  app.get("/", async (_request, reply) => sendShell(reply));
  app.get("/*", async (_request, reply) => sendShell(reply));
}

export const pagesDialect: Dialect = {
  name: "pages",
  prefixes: ["/w"],
  credential: null,
  authHint: "Sign in.",
  status: PAGE_STATUS,
  fieldName: (path) => path.join("."),
  renderError: renderErrorPage,
  routes,
};
