/** The event every consumer receives (webhook body, stream message): one shape, built from an outbox row. */
import type { FieldChange } from "../audit/diff.ts";
import { caseIds } from "../cases/ids.ts";

/** What an outbox row holds. */
export interface StoredEvent {
  id: number;
  workspaceId: number;
  workspaceSlug: string;
  topic: string;
  topics: string[];
  subjectType: string;
  subjectId: string;
  revision: number | null;
  createdAt: Date;
  payload: { object: unknown; changes: FieldChange[]; entries?: unknown[] };
}

export interface EventMessage {
  id: string;
  type: string;
  topics: string[];
  timestamp: string;
  workspace: { id: number; slug: string };
  subject: { type: string; id: string; ids: Record<string, string | number> };
  revision: number | null;
  data: StoredEvent["payload"];
}

/** The stable id receivers deduplicate by: the same for every attempt and every subscriber. */
export const eventId = (id: number) => `evt_${id}`;

/** The number inside an event id (`evt_42` or `42`), or null. */
export function parseEventId(raw: string | undefined): number | null {
  const match = raw ? /^(?:evt_)?(\d{1,15})$/.exec(raw.trim()) : null;
  return match ? Number(match[1]) : null;
}

/** A case's id in every dialect's form; other subjects have only their native id. */
function subjectIds(type: string, id: string): Record<string, string | number> {
  return type === "case" && /^\d+$/.test(id) ? caseIds(Number(id)) : { native: id };
}

export function eventMessage(event: StoredEvent): EventMessage {
  return {
    id: eventId(event.id),
    type: event.topic,
    topics: event.topics,
    timestamp: event.createdAt.toISOString(),
    workspace: { id: event.workspaceId, slug: event.workspaceSlug },
    subject: {
      type: event.subjectType,
      id: event.subjectId,
      ids: subjectIds(event.subjectType, event.subjectId),
    },
    revision: event.revision,
    data: event.payload,
  };
}
