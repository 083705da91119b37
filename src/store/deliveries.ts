/** Webhook deliveries: fan-out from the outbox, claiming under a lease, recording the results. */
import type { AttemptResult } from "../domain/events/delivery.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";

/**
 * Lets the transaction's commit return before its WAL reaches the disk. Only delivery bookkeeping (fan-out,
 * leases, attempt results) asks for it: a crash loses at most its last few hundred milliseconds, and what is
 * lost is redone (the events are handed out again and the deliveries sent again, which at-least-once
 * delivery allows and the stable event id lets receivers see). The creates and changes whose events these
 * are keep their durable commits, and no longer wait in line behind the bookkeeping's flushes.
 */
export async function commitWithoutWaitingForDisk(sql: Sql): Promise<void> {
  await sql.query("set local synchronous_commit = off");
}

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

/** Records one failed attempt and its consequence: tried again at `retryAt`, or failed for good. */
export async function finishFailed(
  sql: Sql,
  d: ClaimedDelivery,
  attempt: AttemptResult,
  next: { state: "pending"; retryAt: Date } | { state: "failed" },
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

/**
 * Records successful attempts in one statement: their attempt rows, the deliveries done, and the subscriptions
 * healthy again (last success kept to within a few seconds, so a steady stream does not rewrite the row).
 */
export async function finishDelivered(
  sql: Sql,
  done: { delivery: ClaimedDelivery; attempt: AttemptResult }[],
): Promise<void> {
  if (done.length === 0) return;
  const column = <T>(pick: (item: (typeof done)[number]) => T) => done.map(pick);
  await sql.query(
    `with done as (
       select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::timestamptz[], $6::int[],
         $7::int[]) as t(workspace_id, id, webhook_id, event_id, at, status, latency_ms)),
     attempts as (
       insert into webhook_attempts (workspace_id, delivery_id, webhook_id, event_id, at, status, latency_ms)
       select workspace_id, id, webhook_id, event_id, at, status, latency_ms from done),
     healthy as (
       update webhooks w set failing_since = null, last_success_at = s.at
       from (select workspace_id, webhook_id, max(at) as at from done group by 1, 2) s
       where w.workspace_id = s.workspace_id and w.id = s.webhook_id
         and (w.failing_since is not null or w.last_success_at is null or w.last_success_at < s.at - interval '5 seconds'))
     update webhook_deliveries d set state = 'delivered', lease_until = null, last_error = null, finished_at = done.at
     from done where d.workspace_id = done.workspace_id and d.id = done.id and d.state = 'pending'`,
    [
      column((i) => i.delivery.workspaceId),
      column((i) => i.delivery.id),
      column((i) => i.delivery.webhookId),
      column((i) => i.delivery.eventId),
      column((i) => i.attempt.at),
      column((i) => i.attempt.status),
      column((i) => i.attempt.latencyMs),
    ],
  );
}
