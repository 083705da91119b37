/** Builds the Fastify app from its dependencies: every dialect as an encapsulated plugin. */
import { randomUUID } from "node:crypto";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { OpContext } from "../ops/context.ts";
import type { Database } from "../store/db.ts";
import { registerCors } from "./cors.ts";
import { ServerClosing } from "./errors.ts";
import { registerJsonBody } from "./json-body.ts";
import { khorosErrorHandler } from "./khoros/errors.ts";
import { khorosApi } from "./khoros/plugin.ts";
import { registerMetrics } from "./metrics.ts";
import { nativeApi } from "./native/plugin.ts";
import { nativeErrorHandler, problem } from "./native/problem.ts";
import { pages } from "./pages/plugin.ts";
import { type RateLimits, registerRateLimits } from "./rate-limits.ts";
import { validatorCompiler } from "./validation.ts";

export interface AppDependencies {
  db: Database;
  now?: () => Date;
  logger?: FastifyServerOptions["logger"];
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Abuse limits; without them nothing is rate-limited (tests), the server always passes them. */
  rateLimits?: RateLimits;
  /** The base URL people reach Casework at (links to case pages); unset: each request's own origin. */
  publicUrl?: string;
  /** Browser origins allowed to call the APIs (`*` for any); none by default. */
  corsOrigins?: readonly string[];
  /** Serve GET /metrics (Prometheus); off by default. */
  metrics?: boolean;
}

export const REDACTED_HEADERS = [
  "req.headers.authorization",
  "req.headers['x-api-key']",
  "req.headers.cookie",
];

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimit ?? 1_048_576,
    // Requests that arrive while the server closes are refused by the hook below, in the dialect's shape.
    return503OnClosing: false,
    // Schema compilation of every route happens at start; a loaded machine must not fail it on a timer.
    pluginTimeout: 120_000,
    // Errors raised before routing (a badly encoded URL) get the envelope of the dialect the path belongs to.
    frameworkErrors: (error, request, reply) =>
      /^\/khoros(\/|\?|$)/.test(request.url)
        ? khorosErrorHandler(error, request, reply)
        : nativeErrorHandler(error, request, reply),
    // A caller's X-Request-Id is kept (and echoed) so one request can be followed through the logs.
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    forceCloseConnections: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Routes outside the dialects (health, docs) answer errors as problem+json too; dialects set their own.
  app.setErrorHandler(nativeErrorHandler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async () => {
    if (closing) throw new ServerClosing();
  });
  registerJsonBody(app);
  await registerCors(app, deps.corsOrigins ?? []);
  await registerRateLimits(app, deps.rateLimits);
  const ctx: OpContext = { db: deps.db, now: deps.now ?? (() => new Date()) };
  if (deps.metrics) await registerMetrics(app, ctx, deps.db);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Casework API",
        version: "1",
        description: "The native REST API of Casework. Authenticate with `Authorization: Bearer <API key>`.",
      },
      servers: [{ url: "/" }],
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
      security: [{ apiKey: [] }],
    },
    hideUntagged: true,
  });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: { docExpansion: "list", deepLinking: true },
  });

  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  // Until the agent console is served here, the root leads to the API reference.
  app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.redirect("/docs"));
  app.setNotFoundHandler((request, reply) =>
    problem(reply, 404, "route_not_found", `No route ${request.method} ${request.url.split("?")[0]}.`),
  );
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.db.ping();
      return { status: "ready" };
    } catch {
      return reply.code(503).header("retry-after", "2").send({ status: "database unavailable" });
    }
  });

  await app.register(nativeApi, { prefix: "/api/v1", ctx });
  await app.register(khorosApi, { prefix: "/khoros", ctx, publicUrl: deps.publicUrl });
  await app.register(pages, { ctx, publicUrl: deps.publicUrl });
  return app;
}
