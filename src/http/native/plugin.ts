/** The native REST API, mounted at /api/v1: authentication, error envelope and its routes. */
import type { FastifyInstance } from "fastify";
import type { OpContext } from "../../ops/context.ts";
import { bearerToken, requireKeys } from "./auth.ts";
import { nativeErrorHandler, problem } from "./problem.ts";
import { adminRoutes } from "./routes/admin.ts";
import { caseRoutes } from "./routes/cases.ts";
import { contactRoutes } from "./routes/contacts.ts";
import { timelineRoutes } from "./routes/timeline.ts";

export interface NativeOptions {
  ctx: OpContext;
}

export async function nativeApi(app: FastifyInstance, { ctx }: NativeOptions) {
  app.setErrorHandler(nativeErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    problem(reply, 404, "route_not_found", `No route ${request.method} ${request.url.split("?")[0]}.`),
  );
  requireKeys(app, ctx.db, bearerToken);
  await app.register(caseRoutes, { ctx });
  await app.register(timelineRoutes, { ctx });
  await app.register(contactRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
}
