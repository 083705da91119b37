/** One delivery attempt's two transactions: lease due deliveries with their signed requests; record the outcome. */
import { eventMessage } from "../../domain/events/event.ts";
import { nextAttempt, parseRetryAfter, type RetryPolicy } from "../../domain/events/retry.ts";
import { signedHeaders } from "../../events/signing.ts";
import { type ClaimedDelivery, claimDue, finishAttempt } from "../../store/deliveries.ts";
import { eventsById } from "../../store/outbox.ts";
import { findWebhook, markWebhookHealth } from "../../store/webhooks.ts";
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
    return claimed.flatMap((delivery) => {
      const event = events.get(delivery.eventId);
      const webhook = webhooks.get(delivery.webhookId);
      if (!event || !webhook) return [];
      const message = eventMessage(event);
      const body = JSON.stringify(message);
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
}

/** Records an attempt: delivered, retried later per the policy, or failed for good (the subscription is failing). */
export async function recordAttempt(
  ctx: OpContext,
  delivery: ClaimedDelivery,
  outcome: Outcome,
  policy: RetryPolicy,
  random: number = Math.random(),
): Promise<"delivered" | "retrying" | "failed"> {
  const now = ctx.now();
  const attempt = { at: now, status: outcome.status, latencyMs: outcome.latencyMs, error: outcome.error };
  return ctx.db.transaction(async (tx) => {
    if (outcome.error === null) {
      await finishAttempt(tx, delivery, attempt, { state: "delivered" });
      await markWebhookHealth(tx, delivery.workspaceId, delivery.webhookId, { ok: true, at: now });
      return "delivered";
    }
    const retryAt = nextAttempt(
      policy,
      delivery.attempts,
      delivery.roundStartedAt,
      now,
      random,
      parseRetryAfter(outcome.retryAfter, now),
    );
    if (retryAt) {
      await finishAttempt(tx, delivery, attempt, { state: "pending", retryAt });
      return "retrying";
    }
    await finishAttempt(tx, delivery, attempt, { state: "failed" });
    await markWebhookHealth(tx, delivery.workspaceId, delivery.webhookId, {
      ok: false,
      at: now,
      error: `event ${delivery.eventId} failed after ${delivery.attempts} attempts: ${outcome.error}`,
    });
    return "failed";
  });
}
