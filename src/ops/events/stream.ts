/** Reading the event stream as one actor: in commit order, filtered, and scoped by the same rules as reads. */
import type { Actor } from "../../domain/access.ts";
import { type EventMessage, eventMessage } from "../../domain/events/event.ts";
import { wanted } from "../../domain/events/topics.ts";
import { eventFor } from "../../domain/events/visibility.ts";
import { isOperations } from "../../domain/policy.ts";
import { listDefinitions } from "../../store/fields.ts";
import { currentPosition, eventsAfter, positionOf, type StreamPosition } from "../../store/outbox.ts";
import type { OpContext } from "../context.ts";

export type { StreamPosition };

export interface StreamFilter {
  topics?: string[];
  caseNumber?: number;
}

const BATCH = 200;

/**
 * Where a stream starts: after the event a reconnecting client last saw (Last-Event-ID), from the oldest
 * retained event when that one is gone, or at the present when the client brings none.
 */
export async function streamStart(
  ctx: OpContext,
  actor: Actor,
  lastEventId: number | null,
): Promise<StreamPosition> {
  if (lastEventId === null) return currentPosition(ctx.db);
  return (await positionOf(ctx.db, actor.workspaceId, lastEventId)) ?? { xid: "0", id: 0 };
}

/** The next events after `after` that `actor` may see and asked for, and the position after them. */
export async function readStream(
  ctx: OpContext,
  actor: Actor,
  after: StreamPosition,
  filter: StreamFilter,
): Promise<{ messages: EventMessage[]; position: StreamPosition; more: boolean }> {
  const rows = await eventsAfter(ctx.db, actor.workspaceId, after, BATCH);
  const definitions = isOperations(actor) ? [] : await listDefinitions(ctx.db, actor.workspaceId, "case");
  const messages = rows.flatMap(({ event }) => {
    if (
      filter.caseNumber !== undefined &&
      (event.subjectType !== "case" || event.subjectId !== String(filter.caseNumber))
    )
      return [];
    const seen = eventFor(actor, eventMessage(event), definitions);
    return seen && (!filter.topics || wanted(filter.topics, seen.topics)) ? [seen] : [];
  });
  return { messages, position: rows.at(-1)?.position ?? after, more: rows.length === BATCH };
}
