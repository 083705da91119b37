/**
 * The webhook dispatcher every server process runs: woken by commits (and a slow poll), it fans new events
 * out to the subscriptions and keeps up to `concurrency` requests in flight. Nothing here is on a request's
 * path: a slow or dead receiver only occupies a slot here until its timeout.
 */
import type { FastifyBaseLogger } from "fastify";
import { DEFAULT_RETRY, type RetryPolicy } from "../domain/events/retry.ts";
import type { OpContext } from "../ops/context.ts";
import { claimDeliveries, type PreparedRequest, recordAttempt } from "../ops/webhooks/attempt.ts";
import { FAN_OUT_BATCH, fanOut } from "../ops/webhooks/fan-out.ts";
import type { EventHub } from "./hub.ts";
import { postJson } from "./post.ts";

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
  concurrency: 16,
  pollMs: 1_000,
  retry: DEFAULT_RETRY,
};

export interface Dispatcher {
  /** Resolves once nothing is in flight and no due work was found (tests). */
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
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let pumping: Promise<void> | null = null;
  let again = false;

  const deliver = async (request: PreparedRequest) => {
    const outcome = await postJson(request.url, request.headers, request.body, options);
    await recordAttempt(ctx, request.delivery, outcome, options.retry);
  };

  const pumpOnce = async () => {
    while (!stopped && (await fanOut(ctx)) === FAN_OUT_BATCH);
    for (;;) {
      const free = options.concurrency - inFlight.size;
      if (stopped || free <= 0) return;
      const claimed = await claimDeliveries(ctx, leaseMs, free);
      for (const request of claimed) {
        const task: Promise<void> = deliver(request)
          .catch((error) =>
            log.warn({ err: error }, "recording a webhook attempt failed; its lease will expire"),
          )
          .finally(() => {
            inFlight.delete(task);
            // A finished delivery may be what a later event of the same subject waited for.
            pump();
          });
        inFlight.add(task);
      }
      if (claimed.length < free) return;
    }
  };

  /** Runs one pump at a time; a wake during a run makes it run once more. */
  const pump = () => {
    if (stopped) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = (async () => {
      do {
        again = false;
        try {
          await pumpOnce();
        } catch (error) {
          log.warn({ err: error }, "webhook dispatch failed; retrying at the next poll");
        }
      } while (again && !stopped);
    })().finally(() => {
      pumping = null;
    });
  };

  const unsubscribe = hub.subscribe(pump);
  const timer = setInterval(pump, options.pollMs);
  timer.unref();
  pump();

  return {
    async idle() {
      for (;;) {
        if (pumping) await pumping;
        else if (inFlight.size) await Promise.race(inFlight);
        else return;
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      if (pumping) await pumping;
      await Promise.allSettled(inFlight);
    },
  };
}
