/** The Khoros custom-CRM API, mounted at /khoros: key auth in Khoros's forms, its error envelope and its routes. */
import type { FastifyInstance } from "fastify";
import type { OpContext } from "../../ops/context.ts";
import { requireKeys } from "../auth.ts";
import { agentContext, khorosToken } from "./auth.ts";
import { khorosError, khorosErrorHandler } from "./errors.ts";
import { khorosCaseRoutes } from "./routes/cases.ts";
import { khorosCustomerRoutes } from "./routes/customers.ts";
import { khorosMetaRoutes } from "./routes/meta.ts";

export interface KhorosOptions {
  ctx: OpContext;
  /** The base URL people reach Casework at, for the `url` links; unset: the origin of each request. */
  publicUrl: string | undefined;
}

export async function khorosApi(app: FastifyInstance, { ctx, publicUrl }: KhorosOptions) {
  app.setErrorHandler(khorosErrorHandler);
  // Bodies are JSON only: without this, Fastify's built-in text/plain parser turns a 415 into a 400.
  app.removeContentTypeParser("text/plain");
  app.setNotFoundHandler((request, reply) =>
    khorosError(reply, 404, "route_not_found", `No route ${request.method} ${request.url.split("?")[0]}.`),
  );
  requireKeys(app, ctx.db, khorosToken, {
    hint: "Send the API key as Authorization: <key>, Authorization: Bearer <key> or X-API-Key: <key>.",
    context: agentContext,
  });
  await app.register(khorosCaseRoutes, { ctx, publicUrl });
  await app.register(khorosCustomerRoutes, { ctx, publicUrl });
  await app.register(khorosMetaRoutes, { ctx, publicUrl });
}
