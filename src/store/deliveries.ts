/** Webhook deliveries: fan-out from the outbox, claiming under a lease, results, attempts, redelivery. */
import type { Sql } from "./db.ts";
import { dateOrNull, Params } from "./rows.ts";

/** Fan-out runs in one process at a time (this lock), so one subject's events enter in outbox order. */
const FAN_OUT_LOCK = 727_002;

export interface UndispatchedEvent {
  workspaceId: number;
  id: number;
  topics: string[];
  subject: string;
}

/**
 * Takes the oldest events not yet handed out, under the fan-out lock (false when another process holds it).
 * The caller creates their deliveries with `addDeliveries` and marks them with `markDispatched`, in the same
 * transaction.
 */
export async function takeUndispatched(sql: Sql, limit: number): Promise<UndispatchedEvent[] | null> {
  const [lock] = await sql.query<{ locked: boolean }>("select pg_try_advisory_xact_lock($1) as locked", [
    FAN_OUT_LOCK,
  ]);
  if (!lock?.locked) return null;
  const rows = await sql.query(
    `select workspace_id, id, topics, subject_type || ':' || subject_id as subject from outbox_events
     where delivered_at is null order by id limit $1`,
    [limit],
  );
  return rows.map((row) => ({
    workspaceId: Number(row.workspace_id),
    id: Number(row.id),
    topics: row.topics as string[],
    subject: row.subject as string,
  }));
}

/** The active subscriptions of these workspaces, with the topics they ask for. */
export async function activeSubscriptions(sql: Sql, workspaceIds: number[]) {
  const rows = await sql.query(
    "select workspace_id, id, topics from webhooks where active and workspace_id = any($1::bigint[])",
    [workspaceIds],
  );
  return rows.map((row) => ({
    workspaceId: Number(row.workspace_id),
    id: Number(row.id),
    topics: row.topics as string[],
  }));
}

export async function addDeliveries(
  sql: Sql,
  deliveries: { workspaceId: number; webhookId: number; eventId: number; subject: string }[],
  at: Date,
): Promise<void> {
  if (deliveries.length === 0) return;
  const params = new Params();
  const time = params.add(at);
  const values = deliveries.map(
    (d) =>
      `(${params.add(d.workspaceId)}, ${params.add(d.webhookId)}, ${params.add(d.eventId)}, ${params.add(
        d.subject,
      )}, ${time}::timestamptz, ${time}::timestamptz, ${time}::timestamptz)`,
  );
  await sql.query(
    `insert into webhook_deliveries (workspace_id, webhook_id, event_id, subject, round_started_at, next_attempt_at,
       created_at) values ${values.join(", ")} on conflict do nothing`,
    params.values,
  );
}

export async function markDispatched(sql: Sql, events: UndispatchedEvent[], at: Date): Promise<void> {
  await sql.query(
    `update outbox_events set delivered_at = $3
     where (workspace_id, id) in (select * from unnest($1::bigint[], $2::bigint[]))`,
    [events.map((e) => e.workspaceId), events.map((e) => e.id), at],
  );
}

export interface ClaimedDelivery {
  workspaceId: number;
  id: number;
  webhookId: number;
  eventId: number;
  attempts: number;
  roundStartedAt: Date;
  leaseUntil: Date;
}

/**
 * Leases up to `limit` due deliveries. One is due when no earlier event of its subject still waits for the
 * same subscriber, so a subject's events go out one after another; SKIP LOCKED lets several processes claim
 * side by side without taking the same one.
 */
export async function claimDue(
  sql: Sql,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const rows = await sql.query(
    `with due as (
       select d.workspace_id, d.id from webhook_deliveries d
       join webhooks w on w.workspace_id = d.workspace_id and w.id = d.webhook_id and w.active
       where d.state = 'pending' and d.next_attempt_at <= $1 and (d.lease_until is null or d.lease_until <= $1)
         and not exists (
           select 1 from webhook_deliveries e
           where e.workspace_id = d.workspace_id and e.webhook_id = d.webhook_id and e.subject = d.subject
             and e.state = 'pending' and e.event_id < d.event_id)
       order by d.next_attempt_at, d.id limit $3
       for update of d skip locked)
     update webhook_deliveries d set lease_until = $2, attempts = d.attempts + 1
     from due where d.workspace_id = due.workspace_id and d.id = due.id
     returning d.workspace_id, d.id, d.webhook_id, d.event_id, d.attempts, d.round_started_at`,
    [now, leaseUntil, limit],
  );
  return rows.map((row) => ({
    workspaceId: Number(row.workspace_id),
    id: Number(row.id),
    webhookId: Number(row.webhook_id),
    eventId: Number(row.event_id),
    attempts: Number(row.attempts),
    roundStartedAt: new Date(row.round_started_at as string),
    leaseUntil,
  }));
}

export interface AttemptResult {
  at: Date;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

/** Records one attempt and its consequence: delivered, tried again at `retryAt`, or failed for good. */
export async function finishAttempt(
  sql: Sql,
  d: ClaimedDelivery,
  attempt: AttemptResult,
  next: { state: "delivered" } | { state: "pending"; retryAt: Date } | { state: "failed" },
): Promise<void> {
  await sql.query(
    `with attempt as (
       insert into webhook_attempts (workspace_id, delivery_id, webhook_id, event_id, at, status, latency_ms, error)
       values ($1, $2, $3, $4, $5, $6, $7, $8))
     update webhook_deliveries set state = $9, next_attempt_at = coalesce($10, next_attempt_at), lease_until = null,
       last_error = $8, finished_at = case when $9 = 'pending' then null else $5::timestamptz end
     where workspace_id = $1 and id = $2 and state = 'pending'`,
    [
      d.workspaceId,
      d.id,
      d.webhookId,
      d.eventId,
      attempt.at,
      attempt.status,
      attempt.latencyMs,
      attempt.error,
      next.state,
      next.state === "pending" ? next.retryAt : null,
    ],
  );
}

export interface Delivery {
  id: number;
  eventId: number;
  subject: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

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

export interface Attempt extends AttemptResult {
  id: number;
  deliveryId: number;
  eventId: number;
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
