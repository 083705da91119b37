/** Periodic jobs: auto-closing resolved cases, forgetting old idempotency keys and expired sessions. Safe on several servers. */
import type { FastifyBaseLogger } from "fastify";
import { closeDueCases } from "./ops/cases/close-due-cases.ts";
import type { OpContext } from "./ops/context.ts";
import { expireKeys } from "./store/idempotency.ts";
import { expireSessions } from "./store/sessions.ts";

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface Scheduler {
  /** Runs every job once (tests and the first tick). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(ctx: OpContext, intervalMs: number, log: FastifyBaseLogger): Scheduler {
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      let closed = 0;
      for (let batch = await closeDueCases(ctx); batch > 0; batch = await closeDueCases(ctx)) closed += batch;
      if (closed) log.info({ closed }, "closed resolved cases");
      await expireKeys(ctx.db, new Date(ctx.now().getTime() - IDEMPOTENCY_TTL_MS));
      await expireSessions(ctx.db, ctx.now());
    } catch (error) {
      log.warn({ err: error }, "scheduled jobs failed; retrying next tick");
    }
  };
  const timer = intervalMs > 0 ? setInterval(() => (running = running.then(tick)), intervalMs) : null;
  timer?.unref();
  return {
    tick: () => (running = running.then(tick)),
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
