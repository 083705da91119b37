/** Periodic jobs: auto-closing resolved cases, forgetting old idempotency keys, expired sessions and old events. Safe on several servers. */
import type { FastifyBaseLogger } from "fastify";
import { closeDueCases } from "./ops/cases/close-due-cases.ts";
import type { OpContext } from "./ops/context.ts";
import { expireKeys } from "./store/idempotency.ts";
import { pruneEvents } from "./store/outbox.ts";
import { expireSessions } from "./store/sessions.ts";

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_EVENT_RETENTION_MS = 7 * IDEMPOTENCY_TTL_MS;
/** Small batches: each delete holds its row locks only briefly, so writers never wait long behind pruning. */
const PRUNE_BATCH = 500;
const PRUNE_BATCHES_PER_TICK = 40;

export interface Scheduler {
  /** Runs every job once (tests and the first tick). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(
  ctx: OpContext,
  intervalMs: number,
  log: FastifyBaseLogger,
  eventRetentionMs = DEFAULT_EVENT_RETENTION_MS,
): Scheduler {
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      let closed = 0;
      for (let batch = await closeDueCases(ctx); batch > 0; batch = await closeDueCases(ctx)) closed += batch;
      if (closed) log.info({ closed }, "closed resolved cases");
      await expireKeys(ctx.db, new Date(ctx.now().getTime() - IDEMPOTENCY_TTL_MS));
      await expireSessions(ctx.db, ctx.now());
      const before = new Date(ctx.now().getTime() - eventRetentionMs);
      let pruned = 0;
      for (let batch = 0; batch < PRUNE_BATCHES_PER_TICK; batch++) {
        const deleted = await pruneEvents(ctx.db, before, PRUNE_BATCH);
        pruned += deleted;
        if (deleted < PRUNE_BATCH) break;
      }
      if (pruned) log.info({ pruned }, "pruned delivered events");
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
