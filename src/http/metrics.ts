/** GET /metrics in Prometheus text format (CASEWORK_METRICS=true): requests, latency, pool, outbox, memory. */
import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Database, OpContext } from "../ops/context.ts";
import { readOutboxBacklog } from "../ops/outbox-backlog.ts";

const LABELS = ["method", "route", "status"] as const;

/**
 * One registry per app, so several apps in one process (tests) keep separate counts. Routes are labelled
 * by their pattern (`/api/v1/cases/:id`), never the raw URL, so label cardinality stays bounded.
 */
export async function registerMetrics(app: FastifyInstance, ctx: OpContext, db: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "casework_" });
  const requests = new Counter({
    name: "casework_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status code.",
    labelNames: LABELS,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "casework_http_request_duration_seconds",
    help: "Time from receiving a request to sending its response, by method, route pattern and status.",
    labelNames: LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "casework_db_pool_connections",
    help: "PostgreSQL pool connections by state (max, total, idle, waiting requests); absent on PGlite.",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const stats = db.poolStats?.();
      if (!stats) return;
      for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
    },
  });
  // Registered only where there is an embedded engine: an unlabelled gauge never set would report 0.
  if (db.engineMemoryBytes)
    new Gauge({
      name: "casework_db_engine_memory_bytes",
      help: "The embedded database's WebAssembly memory (PGlite), which never shrinks.",
      registers: [registry],
      collect() {
        this.set(db.engineMemoryBytes?.() ?? 0);
      },
    });
  new Gauge({
    name: "casework_outbox_pending_events",
    help: "Outbox events not yet delivered (the span from the oldest pending to the newest event).",
    registers: [registry],
    async collect() {
      this.set((await readOutboxBacklog(ctx)).pending);
    },
  });
  new Gauge({
    name: "casework_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest undelivered outbox event; 0 when nothing waits.",
    registers: [registry],
    async collect() {
      const { oldestPendingAt } = await readOutboxBacklog(ctx);
      this.set(oldestPendingAt ? Math.max(0, (ctx.now().getTime() - oldestPendingAt.getTime()) / 1000) : 0);
    },
  });

  app.addHook("onResponse", async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? "unmatched",
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
