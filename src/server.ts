/** Starts Casework: database, migrations, the default workspace, the HTTP server and the scheduler. */

import type { FastifyInstance } from "fastify";
import pino from "pino";
import type { Config } from "./config.ts";
import { DEFAULT_DISPATCHER, type Dispatcher, startDispatcher } from "./events/dispatcher.ts";
import { eventHub } from "./events/hub.ts";
import { buildApp, REDACTED_HEADERS } from "./http/app.ts";
import { ensureFirstAdmin } from "./ops/console-admin.ts";
import { bootstrap } from "./ops/workspaces.ts";
import { type Scheduler, startScheduler } from "./scheduler.ts";
import type { Database } from "./store/db.ts";
import { assertDurableSettings } from "./store/durability.ts";
import { migrate } from "./store/migrate.ts";
import { openDatabase } from "./store/open.ts";

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  scheduler: Scheduler;
  dispatcher: Dispatcher;
  url: string;
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  announce: (line: string) => void = console.log,
): Promise<RunningServer> {
  const db = await openDatabase(config);
  let app: FastifyInstance | undefined;
  try {
    await assertDurableSettings(db);
    await migrate(db);
    const events = eventHub(db);
    app = await buildApp({
      db,
      events,
      allowPrivateWebhooks: config.webhooks.allowPrivate,
      bodyLimit: config.bodyLimit,
      attachmentLimit: config.attachmentLimit,
      rateLimits: config.rateLimits,
      publicUrl: config.publicUrl,
      corsOrigins: config.corsOrigins,
      metrics: config.metrics,
      // Request logs are JSON lines on stderr, so they never interleave with the start-up text on stdout.
      // Written asynchronously: under load the lines of many requests go out in one write, off the
      // request's path (process.stderr would be one synchronous write per line); flushed when the process exits.
      logger: {
        level: config.logLevel,
        stream: pino.destination({ dest: 2, sync: false }),
        redact: { paths: REDACTED_HEADERS, censor: "[redacted]" },
      },
    });
    // The port is bound before the first workspace and its admin key exist: a start that cannot listen
    // creates nothing, so the key is printed by the start that succeeds.
    await listen(app, config);
    const { workspace, newKey } = await bootstrap(db, config.adminKey);
    const firstAdmin = await ensureFirstAdmin(db, workspace, {
      email: config.adminEmail,
      password: config.adminPassword,
    });
    const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    const url = `http://${shownHost}:${(app.server.address() as { port: number }).port}`;
    const ctx = { db, now: () => new Date() };
    const scheduler = startScheduler(ctx, config.schedulerIntervalMs, app.log, config.eventRetentionMs);
    const dispatcher = startDispatcher(ctx, events, app.log, { ...DEFAULT_DISPATCHER, ...config.webhooks });
    announce(
      `Casework is listening on ${url} (workspace "${workspace.slug}", ${db.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL"})`,
    );
    announce(`  Console: ${url}/ (sign in with an email and password; workspace "${workspace.slug}")`);
    if (firstAdmin?.password)
      announce(
        `  Console admin (shown this once): ${firstAdmin.email} / ${firstAdmin.password} (change it with \`npx casework users set-password\`)`,
      );
    announce(`  API reference: ${url}/docs    OpenAPI: ${url}/api/v1/openapi.json`);
    if (newKey) {
      announce(`  Admin API key (shown this once, keep it safe): ${newKey}`);
      announce(`  Try: curl -H "Authorization: Bearer ${newKey}" ${url}/api/v1/cases`);
    } else {
      announce(
        "  Authenticate with Authorization: Bearer <API key> (create keys with `npx casework keys create`).",
      );
    }
    let closing: Promise<void> | null = null;
    const running = app;
    return {
      app,
      db,
      scheduler,
      dispatcher,
      url,
      close() {
        closing ??= (async () => {
          await running.close();
          await dispatcher.stop();
          await events.close();
          await scheduler.stop();
          await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await app?.close();
    await db.close();
    throw error;
  }
}

async function listen(app: FastifyInstance, config: Pick<Config, "port" | "host">) {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new Error(
      `Port ${config.port} on ${config.host} is already in use by another program. ` +
        "Stop that program, or start Casework on another port (PORT=8081 npm start).",
    );
  }
}

/**
 * Closes the server cleanly on SIGTERM or SIGINT; a second signal forces the exit. The handlers are
 * installed before the server starts, so a signal that arrives while it starts (or just as the banner
 * is printed) waits for the start and then closes it, rather than killing the process mid-write.
 */
export function closeOnSignals(starting: Promise<RunningServer>) {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    starting
      .then(async (server) => {
        server.app.log.info({ signal }, "shutting down");
        await server.close();
      })
      .then(
        () => process.exit(0),
        (error) => {
          console.error(`Shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
