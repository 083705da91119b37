/** A subscription's deliveries and attempts as the admin sees them, and manual redelivery. */

import type { Attempt, Delivery } from "../domain/events/delivery.ts";
import type { Sql } from "./db.ts";
import { dateOrNull } from "./rows.ts";

const toDelivery = (row: Record<string, unknown>): Delivery => ({
  id: Number(row.id),
  eventId: Number(row.event_id),
  subject: row.subject as string,
  state: row.state as Delivery["state"],
  attempts: Number(row.attempts),
  nextAttemptAt: row.state === "pending" ? new Date(row.next_attempt_at as string) : null,
  lastError: (row.last_error as string | null) ?? null,
  createdAt: new Date(row.created_at as string),
  finishedAt: dateOrNull(row.finished_at),
});

const DELIVERY_COLUMNS =
  "id, event_id, subject, state, attempts, next_attempt_at, last_error, created_at, finished_at";

/** A subscription's deliveries, newest first, optionally of one state; `before` pages by id. */
export async function listDeliveries(
  sql: Sql,
  workspaceId: number,
  webhookId: number,
  filter: { state?: string; before?: number; limit: number },
): Promise<Delivery[]> {
  const rows = await sql.query(
    `select ${DELIVERY_COLUMNS} from webhook_deliveries
     where workspace_id = $1 and webhook_id = $2 and ($3::text is null or state = $3) and id < $4
     order by id desc limit $5`,
    [workspaceId, webhookId, filter.state ?? null, filter.before ?? Number.MAX_SAFE_INTEGER, filter.limit],
  );
  return rows.map(toDelivery);
}

export async function listAttempts(
  sql: Sql,
  workspaceId: number,
  webhookId: number,
  filter: { before?: number; limit: number },
): Promise<Attempt[]> {
  const rows = await sql.query(
    `select id, delivery_id, event_id, at, status, latency_ms, error from webhook_attempts
     where workspace_id = $1 and webhook_id = $2 and id < $3 order by id desc limit $4`,
    [workspaceId, webhookId, filter.before ?? Number.MAX_SAFE_INTEGER, filter.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    deliveryId: Number(row.delivery_id),
    eventId: Number(row.event_id),
    at: new Date(row.at as string),
    status: row.status === null ? null : Number(row.status),
    latencyMs: Number(row.latency_ms),
    error: (row.error as string | null) ?? null,
  }));
}

/** Starts a new round of tries for one delivery, now; null when the subscription has no such delivery. */
export async function redeliver(
  sql: Sql,
  workspaceId: number,
  webhookId: number,
  deliveryId: number,
  now: Date,
): Promise<Delivery | null> {
  const rows = await sql.query(
    `update webhook_deliveries set state = 'pending', attempts = 0, round_started_at = $4, next_attempt_at = $4,
       lease_until = null, finished_at = null
     where workspace_id = $1 and webhook_id = $2 and id = $3 returning ${DELIVERY_COLUMNS}`,
    [workspaceId, webhookId, deliveryId, now],
  );
  return rows[0] ? toDelivery(rows[0]) : null;
}
