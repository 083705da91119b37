/** What every op is given: the database (or the transaction it joins) and the clock. */
import type { Actor } from "../domain/access.ts";
import type { FieldChange } from "../domain/audit/diff.ts";
import type { ChangeRecord } from "../domain/audit/record.ts";
import type { Sql } from "../store/db.ts";

/** The database the app is built on and the handle ops run against, named here so the edge never imports the store. */
export type { Database, Sql } from "../store/db.ts";

export interface OpContext {
  db: Sql;
  now: () => Date;
}

/** The actor that performs scheduled work. */
export const SYSTEM = { type: "system", id: null, label: "system", context: {} } as const;

export function actorOf(actor: Actor): ChangeRecord["actor"] {
  return { type: "user", id: actor.userId, label: actor.label, context: actor.context };
}

/** Builds the audit record and outbox event of one change. */
export function change(
  actor: ChangeRecord["actor"],
  workspaceId: number,
  subject: { type: ChangeRecord["subjectType"]; id: string | number; revision: number | null },
  action:
    | "created"
    | "updated"
    | "deleted"
    | "trashed"
    | "restored"
    | "purged"
    | "closed"
    | "revoked"
    | "imported",
  changes: FieldChange[],
  at: Date,
  payload: unknown,
): ChangeRecord {
  return {
    workspaceId,
    subjectType: subject.type,
    subjectId: String(subject.id),
    action,
    revision: subject.revision,
    actor,
    changes,
    at,
    topic: `${subject.type}.${action}`,
    payload,
  };
}
