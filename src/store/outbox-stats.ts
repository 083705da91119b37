/** How far the outbox's delivery lags, read from its pending index in constant time. */
import type { Sql } from "./db.ts";

export interface OutboxBacklog {
  /** Events from the oldest undelivered one to the newest: an upper bound of the pending count. */
  pending: number;
  /** When the oldest undelivered event was written; null when nothing waits. */
  oldestPendingAt: Date | null;
}

/**
 * Two index probes instead of a count: with no consumer yet, every event ever written is pending, and a
 * count would read them all on every scrape. Identity ids are dense, so the id span is the backlog (an
 * upper bound where events are delivered out of order).
 */
export async function outboxBacklog(sql: Sql): Promise<OutboxBacklog> {
  const [row] = await sql.query<{
    oldest_id: number | null;
    oldest_at: Date | null;
    newest_id: number | null;
  }>(
    `select p.id as oldest_id, p.created_at as oldest_at, (select max(id) from outbox_events) as newest_id
     from (select id, created_at from outbox_events where delivered_at is null order by id limit 1) p
     right join (select 1) one on true`,
  );
  if (!row || row.oldest_id === null || row.newest_id === null) return { pending: 0, oldestPendingAt: null };
  return {
    pending: Number(row.newest_id) - Number(row.oldest_id) + 1,
    oldestPendingAt: row.oldest_at ? new Date(row.oldest_at) : null,
  };
}
