/** Builds the Fastify app from its dependencies: every dialect as an encapsulated plugin. */
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { type EventHub, eventHub } from "../events/hub.ts";
import { caseReads } from "../ops/cases/case-reads.ts";
import { createReads } from "../ops/cases/create-reads.ts";
import { createBatches } from "../ops/cases/group-commit.ts";
import type { Database, OpContext } from "../ops/context.ts";
import { workspaceReads } from "../ops/workspace-reads.ts";
import { consoleDialect } from "./console/dialect.ts";
import { sendShell } from "./console/shell.ts";
import { registerCors } from "./cors.ts";
import { DEFAULT_ATTACHMENT_LIMIT, type Dialect, DialectRegistry, mountDialect } from "./dialect.ts";
import { EdgeProblem } from "./errors.ts";
import { registerJsonBody } from "./json-body.ts";
import { khorosDialect } from "./khoros/dialect.ts";
import { registerMetrics } from "./metrics.ts";
import { MPT_PREFIX, mptDialect } from "./mpt/dialect.ts";
import { describeMptRoute, MPT_HEAD, MPT_OPERATIONS } from "./mpt/openapi.ts";
import { nativeDialect } from "./native/dialect.ts";
import { oauthDialect } from "./oauth/dialect.ts";
import { dialectDocument } from "./openapi.ts";
import { pagesDialect } from "./pages/dialect.ts";
import { abuseLimits, type RateLimits } from "./rate-limits.ts";
import { OneLinePerRequest } from "./request-log.ts";
import { schemaController } from "./serializers.ts";
import type { ServedRoute } from "./served-routes.ts";
import { talkdeskDialect } from "./talkdesk/dialect.ts";
import { TALKDESK_DOCUMENT_PATH, talkdeskDocument } from "./talkdesk/openapi.ts";
import { validatorCompiler } from "./validation.ts";

export interface AppDependencies {
  db: Database;
  now?: () => Date;
  logger?: FastifyServerOptions["logger"];
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Largest file an attachment upload may carry, in bytes (25 MB by default). */
  attachmentLimit?: number;
  /** Abuse limits; without them nothing is rate-limited (tests), the server always passes them. */
  rateLimits?: RateLimits;
  /** The base URL people reach Casework at (links to case pages); unset: each request's own origin. */
  publicUrl?: string;
  /** Wakes the event streams on each commit; without it the app listens on its own (tests). */
  events?: EventHub;
  /** Webhooks may target http and private addresses. */
  allowPrivateWebhooks?: boolean;
  /** Browser origins allowed to call the APIs (`*` for any); none by default. */
  corsOrigins?: readonly string[];
  /** Serve GET /metrics (Prometheus); off by default. */
  metrics?: boolean;
}

/** Every dialect the server speaks; routes outside them (health, docs) answer errors as the native API does. */
export const DIALECTS: readonly Dialect[] = [
  nativeDialect,
  khorosDialect,
  talkdeskDialect,
  oauthDialect,
  mptDialect,
  pagesDialect,
  consoleDialect,
];

const NATIVE_HEAD = {
  info: {
    title: "Casework API",
    version: "1",
    description:
      "The native REST API of Casework. Authenticate with `Authorization: Bearer <API key>`. " +
      `The Talkdesk Case API dialect is described at [${TALKDESK_DOCUMENT_PATH}](${TALKDESK_DOCUMENT_PATH}), ` +
      `the MPT Helpdesk dialect at [${MPT_PREFIX}/openapi.json](${MPT_PREFIX}/openapi.json).`,
  },
  securitySchemes: { apiKey: { type: "http", scheme: "bearer" } },
  security: [{ apiKey: [] }],
};

const NATIVE_SCOPE = { prefixes: ["/api/v1/"], head: NATIVE_HEAD };

export const REDACTED_HEADERS = [
  "req.headers.authorization",
  "req.headers['x-api-key']",
  "req.headers.cookie",
];

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const dialects = new DialectRegistry(nativeDialect);
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimit ?? 1_048_576,
    // Requests that arrive while the server closes are refused by the hook below, in the dialect's shape.
    return503OnClosing: false,
    // Schema compilation of every route happens at start; a loaded machine must not fail it on a timer.
    pluginTimeout: 120_000,
    // Errors raised before routing (a badly encoded URL) get the envelope of the dialect the path belongs to.
    frameworkErrors: (error, request, reply) => dialects.render(error, request, reply),
    // A caller's X-Request-Id is kept (and echoed) so one request can be followed through the logs.
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    forceCloseConnections: false,
    logController: new OneLinePerRequest(),
    schemaController,
  });
  app.setValidatorCompiler(validatorCompiler);
  const served: ServedRoute[] = [];
  app.decorate("servedRoutes", served);
  app.addHook("onRoute", (route) => {
    // HEAD is Fastify's own mirror of each GET.
    for (const method of [route.method].flat())
      if (method !== "HEAD") served.push({ method, path: route.url });
  });
  dialects.install(app);
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    // A response sent while the server closes ends its connection: a connection kept alive after it
    // would hold the close up until the keep-alive timeout (72 s).
    if (closing) reply.header("connection", "close");
  });
  app.addHook("onRequest", async () => {
    if (closing) throw new EdgeProblem("service_unavailable", "The server is shutting down; retry shortly.");
  });
  registerJsonBody(app);
  // The console's session cookie is a credential of the native API as well as of the console.
  await app.register(cookie);
  await registerCors(app, deps.corsOrigins ?? []);
  await app.register(abuseLimits, { limits: deps.rateLimits });
  const events = deps.events ?? eventHub(deps.db);
  if (!deps.events) app.addHook("onClose", () => events.close());
  const ctx: OpContext = {
    db: deps.db,
    now: deps.now ?? (() => new Date()),
    allowPrivateWebhooks: deps.allowPrivateWebhooks ?? false,
    events,
    creates: createBatches(deps.db),
    reads: caseReads(deps.db),
    createReads: createReads(deps.db),
    workspaceReads: workspaceReads(deps.db),
  };
  if (deps.metrics) await registerMetrics(app, ctx, deps.db);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Casework API",
        version: "1",
        description: NATIVE_HEAD.info.description,
      },
      servers: [{ url: "/" }],
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
      security: [{ apiKey: [] }],
    },
    hideUntagged: true,
    // The MPT routes are described for its own document (names, list parameters, errors): only there.
    transform: ({ schema, url, route }) => ({
      schema: describeMptRoute(String(route.method), url, schema as never) as never,
      url,
    }),
    // Schemas with an `$id` (Case, Problem, …) become components of that name, referenced where used.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === "string" ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: { docExpansion: "list", deepLinking: true },
    // The explorer shows the native API; its description links each dialect's own document.
    transformSpecification: (spec) => dialectDocument(spec as never, NATIVE_SCOPE),
  });

  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () =>
    dialectDocument(app.swagger() as never, NATIVE_SCOPE),
  );
  app.get(TALKDESK_DOCUMENT_PATH, { schema: { hide: true } }, async () =>
    talkdeskDocument(app.swagger() as never),
  );
  // Outside the dialect's scope, so it is served without a key, like the native document.
  app.get(`${MPT_PREFIX}/openapi.json`, { schema: { hide: true } }, async () =>
    dialectDocument(app.swagger() as never, { prefixes: MPT_OPERATIONS, base: MPT_PREFIX, head: MPT_HEAD }),
  );
  app.get("/", { schema: { hide: true } }, async (_request, reply) => sendShell(reply));
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.db.ping();
      return { status: "ready" };
    } catch {
      return reply.code(503).header("retry-after", "2").send({ status: "database unavailable" });
    }
  });

  for (const dialect of DIALECTS)
    await mountDialect(app, dialects, dialect, {
      ctx,
      publicUrl: deps.publicUrl,
      attachmentLimit: deps.attachmentLimit ?? DEFAULT_ATTACHMENT_LIMIT,
    });
  return app;
}
