/** Webhooks, deliveries and attempts on the wire (secrets only where a response hands one out). */

import type { Attempt, Delivery } from "../../domain/events/delivery.ts";
import { eventId } from "../../domain/events/event.ts";
import type { Webhook } from "../../domain/events/webhook.ts";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const presentWebhook = (w: Webhook) => ({
  id: String(w.id),
  url: w.url,
  topics: w.topics,
  active: w.active,
  description: w.description,
  status: w.failingSince ? ("failing" as const) : ("healthy" as const),
  failingSince: iso(w.failingSince),
  lastError: w.lastError,
  lastSuccessAt: iso(w.lastSuccessAt),
  previousSecretValidUntil: w.previousSecret ? iso(w.previousSecretUntil) : null,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

export const presentWebhookWithSecret = (w: Webhook) => ({ ...presentWebhook(w), secret: w.secret });

export const presentDelivery = (d: Delivery) => ({
  id: String(d.id),
  eventId: eventId(d.eventId),
  subject: d.subject,
  state: d.state,
  attempts: d.attempts,
  nextAttemptAt: iso(d.nextAttemptAt),
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  finishedAt: iso(d.finishedAt),
});

export const presentAttempt = (a: Attempt) => ({
  id: String(a.id),
  deliveryId: String(a.deliveryId),
  eventId: eventId(a.eventId),
  at: a.at.toISOString(),
  status: a.status,
  latencyMs: a.latencyMs,
  error: a.error,
});
