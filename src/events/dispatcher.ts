/**
 * The webhook dispatcher every server process runs. Woken by commits (and a slow poll), it fans new events
 * out to the subscriptions, records finished attempts and keeps up to `concurrency` requests in flight. Work
 * that arrives together is done together (one transaction per step for all of it), so delivery takes few
 * turns at the database from the write path. Nothing here is on a request's path: a slow or dead receiver
 * only holds a slot here until its timeout.
 */
import type { FastifyBaseLogger } from "fastify";
import { DEFAULT_RETRY, type RetryPolicy } from "../domain/events/retry.ts";
import type { OpContext } from "../ops/context.ts";
import {
  claimDeliveries,
  type Outcome,
  type PreparedRequest,
  recordAttempts,
} from "../ops/webhooks/attempt.ts";
import { FAN_OUT_BATCH, fanOut } from "../ops/webhooks/fan-out.ts";
import type { ClaimedDelivery } from "../store/deliveries.ts";
import type { EventHub } from "./hub.ts";
import { keptConnections, postJson } from "./post.ts";

export interface DispatcherOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  concurrency: number;
  /** How often to look for due retries and for commits whose notification was missed. */
  pollMs: number;
  retry: RetryPolicy;
}

export const DEFAULT_DISPATCHER: DispatcherOptions = {
  timeoutMs: 10_000,
  allowPrivate: false,
  concurrency: 32,
  pollMs: 1_000,
  retry: DEFAULT_RETRY,
};

/** Wakes within this window are served by one run. */
const COALESCE_MS = 40;

export interface Dispatcher {
  /** Resolves once nothing is in flight, nothing is left to record and a run found no due work (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startDispatcher(
  ctx: OpContext,
  hub: EventHub,
  log: FastifyBaseLogger,
  options: DispatcherOptions = DEFAULT_DISPATCHER,
): Dispatcher {
  // A lease outlives the request's deadline, so only a process that died gives its deliveries to another.
  const leaseMs = options.timeoutMs * 2 + 5_000;
  const connections = keptConnections(options.concurrency);
  const post = { ...options, agents: connections };
  const inFlight = new Set<Promise<void>>();
  let finished: { delivery: ClaimedDelivery; outcome: Outcome }[] = [];
  let stopped = false;
  let newEvents = true;
  let scheduled: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const start = (request: PreparedRequest) => {
    const task: Promise<void> = postJson(request.url, request.headers, request.body, post).then((result) => {
      finished.push({ delivery: request.delivery, outcome: { ...result, at: ctx.now() } });
      inFlight.delete(task);
      // Its result is to be recorded, and a later event of the same subject may have waited for it.
      schedule();
    });
    inFlight.add(task);
  };

  const step = async () => {
    if (finished.length) {
      const batch = finished;
      finished = [];
      try {
        await recordAttempts(ctx, batch, options.retry);
      } catch (error) {
        log.warn({ err: error }, "recording webhook attempts failed; their leases will expire");
      }
    }
    if (newEvents) {
      newEvents = false;
      while (!stopped && (await fanOut(ctx)) === FAN_OUT_BATCH);
    }
    for (let free = options.concurrency - inFlight.size; free > 0 && !stopped; ) {
      const claimed = await claimDeliveries(ctx, leaseMs, free);
      for (const request of claimed) start(request);
      if (claimed.length < free) break;
      free = options.concurrency - inFlight.size;
    }
  };

  const run = async () => {
    scheduled = null;
    do {
      again = false;
      try {
        await step();
      } catch (error) {
        log.warn({ err: error }, "webhook dispatch failed; retrying at the next poll");
      }
    } while (again && !stopped);
    running = null;
  };

  function schedule() {
    if (stopped) return;
    if (running) again = true;
    else scheduled ??= setTimeout(() => (running = run()), COALESCE_MS);
  }

  const unsubscribe = hub.subscribe(() => {
    newEvents = true;
    schedule();
  });
  const poll = setInterval(() => {
    newEvents = true;
    schedule();
  }, options.pollMs);
  poll.unref();
  schedule();

  return {
    async idle() {
      for (;;) {
        if (running) await running;
        else if (scheduled) await new Promise((resolve) => setTimeout(resolve, COALESCE_MS * 2));
        else if (inFlight.size) await Promise.race(inFlight);
        else if (finished.length) schedule();
        else return;
      }
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      unsubscribe();
      if (scheduled) clearTimeout(scheduled);
      scheduled = null;
      if (running) await running;
      await Promise.allSettled(inFlight);
      connections.destroy();
      // What finished while stopping is recorded, so a clean stop leaves no lease to wait out.
      if (finished.length) await recordAttempts(ctx, finished.splice(0), options.retry).catch(() => {});
    },
  };
}
