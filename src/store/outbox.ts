/** Reading the outbox: events in commit order for the stream, what fan-out takes next, pruning, the backlog. */
import type { StoredEvent } from "../domain/events/event.ts";
import type { Sql } from "./db.ts";

const EVENT_COLUMNS = `o.id, o.workspace_id, w.slug, o.topic, o.topics, o.subject_type, o.subject_id, o.revision,
  o.payload, o.created_at`;

export const toStoredEvent = (row: Record<string, unknown>): StoredEvent => ({
  id: Number(row.id),
  workspaceId: Number(row.workspace_id),
  workspaceSlug: row.slug as string,
  topic: row.topic as string,
  topics: row.topics as string[],
  subjectType: row.subject_type as string,
  subjectId: row.subject_id as string,
  revision: row.revision === null ? null : Number(row.revision),
  createdAt: new Date(row.created_at as string),
  payload: row.payload as StoredEvent["payload"],
});

export interface StreamPosition {
  xid: string;
  id: number;
}

/** Where the stream stands after event `id`; null when that event is not (or no longer) in the outbox. */
export async function positionOf(sql: Sql, workspaceId: number, id: number): Promise<StreamPosition | null> {
  const rows = await sql.query<{ xid: string }>(
    "select xid::text as xid from outbox_events where workspace_id = $1 and id = $2",
    [workspaceId, id],
  );
  return rows[0] ? { xid: rows[0].xid, id } : null;
}

/** The start of the stream for a client that brings no position: what commits from now on. */
export async function currentPosition(sql: Sql): Promise<StreamPosition> {
  const rows = await sql.query<{ xid: string }>(
    "select (pg_snapshot_xmin(pg_current_snapshot())::text::numeric - 1)::text as xid",
  );
  return { xid: rows[0]!.xid, id: Number.MAX_SAFE_INTEGER };
}

/**
 * Events after `after`, in commit order. Only transactions older than every one still running are read, so
 * an event that commits later can never sort before one already handed out (ids are taken before commit).
 */
export async function eventsAfter(
  sql: Sql,
  workspaceId: number,
  after: StreamPosition,
  limit: number,
): Promise<{ event: StoredEvent; position: StreamPosition }[]> {
  const rows = await sql.query(
    `select ${EVENT_COLUMNS}, o.xid::text as xid from outbox_events o join workspaces w on w.id = o.workspace_id
     where o.workspace_id = $1 and (o.xid, o.id) > ($2::text::xid8, $3)
       and o.xid < pg_snapshot_xmin(pg_current_snapshot())
     order by o.xid, o.id limit $4`,
    [workspaceId, after.xid, after.id, limit],
  );
  return rows.map((row) => ({
    event: toStoredEvent(row),
    position: { xid: row.xid as string, id: Number(row.id) },
  }));
}

/** The events with these ids (a claimed delivery's payloads). */
export async function eventsById(sql: Sql, keys: { workspaceId: number; id: number }[]) {
  if (keys.length === 0) return new Map<number, StoredEvent>();
  const rows = await sql.query(
    `select ${EVENT_COLUMNS} from outbox_events o join workspaces w on w.id = o.workspace_id
     where (o.workspace_id, o.id) in (select * from unnest($1::bigint[], $2::bigint[]))`,
    [keys.map((k) => k.workspaceId), keys.map((k) => k.id)],
  );
  return new Map(rows.map((row) => [Number(row.id), toStoredEvent(row)]));
}

/** Deletes up to `limit` events handed out before `before` whose deliveries are all finished; returns how many. */
export async function pruneEvents(sql: Sql, before: Date, limit: number): Promise<number> {
  const rows = await sql.query(
    `delete from outbox_events where (workspace_id, id) in (
       select o.workspace_id, o.id from outbox_events o
       where o.delivered_at < $1 and not exists (
         select 1 from webhook_deliveries d
         where d.workspace_id = o.workspace_id and d.event_id = o.id and d.state = 'pending')
       limit $2)
     returning id`,
    [before, limit],
  );
  return rows.length;
}

export interface Backlog {
  /** Events not yet handed to the subscriptions. */
  undispatched: number;
  /** Deliveries waiting for a (first or next) attempt. */
  pending: number;
  /** When the oldest pending delivery's event was written; null when none waits. */
  oldestPendingAt: Date | null;
  /** Deliveries that failed for good (until redelivered or pruned). */
  failed: number;
  /** Events kept in the outbox (the stream's resume window and the deliveries' payloads). */
  stored: number;
}

export async function backlog(sql: Sql, workspaceId: number | null): Promise<Backlog> {
  const rows = await sql.query(
    `select
       (select count(*) from outbox_events where delivered_at is null and ($1::bigint is null or workspace_id = $1))
         as undispatched,
       (select count(*) from webhook_deliveries where state = 'pending' and ($1::bigint is null or workspace_id = $1))
         as pending,
       (select min(created_at) from webhook_deliveries where state = 'pending' and ($1::bigint is null or workspace_id = $1))
         as oldest,
       (select count(*) from webhook_deliveries where state = 'failed' and ($1::bigint is null or workspace_id = $1))
         as failed,
       (select count(*) from outbox_events where $1::bigint is null or workspace_id = $1) as stored`,
    [workspaceId],
  );
  const row = rows[0]!;
  return {
    undispatched: Number(row.undispatched),
    pending: Number(row.pending),
    oldestPendingAt: row.oldest ? new Date(row.oldest as string) : null,
    failed: Number(row.failed),
    stored: Number(row.stored),
  };
}
