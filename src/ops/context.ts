/** What every op is given: the database (or the transaction it joins) and the clock. */
import type { Actor } from "../domain/access.ts";
import type { FieldChange } from "../domain/audit/diff.ts";
import type { ChangeRecord } from "../domain/audit/record.ts";
import { topicsOf } from "../domain/events/topics.ts";
import type { EventHub } from "../events/hub.ts";
import type { Sql } from "../store/db.ts";
import type { CaseReads } from "./cases/case-reads.ts";
import type { CreateReads } from "./cases/create-reads.ts";
import type { CreateBatches } from "./cases/group-commit.ts";
import type { IdempotencyKey } from "./idempotent.ts";
import type { WorkspaceReads } from "./workspace-reads.ts";

/** The database the app is built on and the handle ops run against, named here so the edge never imports the store. */
export type { Database, Sql } from "../store/db.ts";

export interface OpContext {
  db: Sql;
  now: () => Date;
  /** Webhooks may target http and private addresses (CASEWORK_WEBHOOKS_ALLOW_PRIVATE). */
  allowPrivateWebhooks?: boolean;
  /** This process's listener for committed events (the live stream waits on it). */
  events?: EventHub;
  /** This process's group commit of creates; without it, each create is written alone. */
  creates?: CreateBatches;
  /** This process's shared reads of single cases; without it, each is its own query. */
  reads?: CaseReads;
  /** This process's shared reads of what creates are decided by; without it, each create reads alone. */
  createReads?: CreateReads;
  /** This process's shared reads of workspace settings and field definitions; without it, each is its own query. */
  workspaceReads?: WorkspaceReads;
  /** The Idempotency-Key of the request, for the create that claims it with its case (see `runCreateOnce`). */
  idempotencyKey?: IdempotencyKey;
}

/** The actor that performs scheduled work. */
export const SYSTEM = { type: "system", id: null, label: "system", context: {} } as const;

export function actorOf(actor: Actor): ChangeRecord["actor"] {
  return { type: "user", id: actor.userId, label: actor.label, context: actor.context };
}

/** Builds the audit record and outbox event of one change; the event's topics come from the catalogue. */
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
  object: unknown,
  /** Timeline entries the change added, carried by its event (consumers need no second read). */
  entries?: readonly unknown[],
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
    topics: topicsOf(subject.type, action, changes),
    payload: { object, changes, ...(entries?.length ? { entries } : {}) },
  };
}
