/** A delivery attempt's two transactions: lease due deliveries with their signed requests; record the outcomes. */
import { eventMessage } from "../../domain/events/event.ts";
import { nextAttempt, parseRetryAfter, type RetryPolicy } from "../../domain/events/retry.ts";
import { signedHeaders } from "../../events/signing.ts";
import {
  type ClaimedDelivery,
  claimDue,
  commitWithoutWaitingForDisk,
  finishDelivered,
  finishFailed,
} from "../../store/deliveries.ts";
import { eventsById } from "../../store/outbox.ts";
import { findWebhook, markWebhookFailing } from "../../store/webhooks.ts";
import type { OpContext } from "../context.ts";

export interface PreparedRequest {
  delivery: ClaimedDelivery;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Leases up to `limit` due deliveries for `leaseMs` and builds each one's signed request. */
export async function claimDeliveries(
  ctx: OpContext,
  leaseMs: number,
  limit: number,
): Promise<PreparedRequest[]> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await commitWithoutWaitingForDisk(tx);
    const claimed = await claimDue(tx, now, new Date(now.getTime() + leaseMs), limit);
    if (claimed.length === 0) return [];
    const events = await eventsById(
      tx,
      claimed.map((d) => ({ workspaceId: d.workspaceId, id: d.eventId })),
    );
    const webhooks = new Map<number, Awaited<ReturnType<typeof findWebhook>>>();
    for (const d of claimed)
      if (!webhooks.has(d.webhookId))
        webhooks.set(d.webhookId, await findWebhook(tx, d.workspaceId, d.webhookId));
    // One body per event, however many subscribers it goes to.
    const bodies = new Map<number, { id: string; body: string }>();
    return claimed.flatMap((delivery) => {
      const event = events.get(delivery.eventId);
      const webhook = webhooks.get(delivery.webhookId);
      if (!event || !webhook) return [];
      let message = bodies.get(event.id);
      if (!message) {
        const built = eventMessage(event);
        message = { id: built.id, body: JSON.stringify(built) };
        bodies.set(event.id, message);
      }
      const { body } = message;
      const secrets = [webhook.secret];
      if (webhook.previousSecret && webhook.previousSecretUntil && webhook.previousSecretUntil > now)
        secrets.push(webhook.previousSecret);
      return [{ delivery, url: webhook.url, headers: signedHeaders(secrets, message.id, now, body), body }];
    });
  });
}

export interface Outcome {
  status: number | null;
  latencyMs: number;
  error: string | null;
  retryAfter: string | undefined;
  /** When the attempt ended. */
  at: Date;
}

/**
 * Records finished attempts in one transaction: successes together, each failure retried later per the policy
 * or failed for good (its subscription then is failing). `random` gives the jitter, a number in [0, 1).
 */
export async function recordAttempts(
  ctx: OpContext,
  finished: { delivery: ClaimedDelivery; outcome: Outcome }[],
  policy: RetryPolicy,
  random: () => number = Math.random,
): Promise<void> {
  const attempt = ({ outcome }: (typeof finished)[number]) => ({
    at: outcome.at,
    status: outcome.status,
    latencyMs: outcome.latencyMs,
    error: outcome.error,
  });
  await ctx.db.transaction(async (tx) => {
    await commitWithoutWaitingForDisk(tx);
    await finishDelivered(
      tx,
      finished
        .filter((f) => f.outcome.error === null)
        .map((f) => ({ delivery: f.delivery, attempt: attempt(f) })),
    );
    for (const failed of finished.filter((f) => f.outcome.error !== null)) {
      const { delivery, outcome } = failed;
      const retryAt = nextAttempt(
        policy,
        delivery.attempts,
        delivery.roundStartedAt,
        outcome.at,
        random(),
        parseRetryAfter(outcome.retryAfter, outcome.at),
      );
      await finishFailed(
        tx,
        delivery,
        attempt(failed),
        retryAt ? { state: "pending", retryAt } : { state: "failed" },
      );
      if (!retryAt)
        await markWebhookFailing(
          tx,
          delivery.workspaceId,
          delivery.webhookId,
          outcome.at,
          `event ${delivery.eventId} failed after ${delivery.attempts} attempts: ${outcome.error}`,
        );
    }
  });
}
