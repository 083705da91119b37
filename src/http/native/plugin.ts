/** The native REST API, mounted at /api/v1: authentication, error envelope and its routes. */
import type { FastifyInstance } from "fastify";
import type { EventHub } from "../../events/hub.ts";
import type { OpContext } from "../../ops/context.ts";
import { bearerToken, requireKeys } from "../auth.ts";
import { nativeErrorHandler, problem } from "./problem.ts";
import { adminRoutes } from "./routes/admin.ts";
import { caseRoutes } from "./routes/cases.ts";
import { contactRoutes } from "./routes/contacts.ts";
import { eventRoutes } from "./routes/events.ts";
import { timelineRoutes } from "./routes/timeline.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

export interface NativeOptions {
  ctx: OpContext;
  events: EventHub;
}

export async function nativeApi(app: FastifyInstance, { ctx, events }: NativeOptions) {
  app.setErrorHandler(nativeErrorHandler);
  // Bodies are JSON only: without this, Fastify's built-in text/plain parser turns a 415 into a 400.
  app.removeContentTypeParser("text/plain");
  app.setNotFoundHandler((request, reply) =>
    problem(reply, 404, "route_not_found", `No route ${request.method} ${request.url.split("?")[0]}.`),
  );
  requireKeys(app, ctx.db, bearerToken, { now: ctx.now });
  await app.register(caseRoutes, { ctx });
  await app.register(timelineRoutes, { ctx });
  await app.register(contactRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(webhookRoutes, { ctx });
  await app.register(eventRoutes, { ctx, events });
}
