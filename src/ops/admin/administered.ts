/** What administering any record takes: read it, create it, change it, each change audited in its transaction. */
import type { Actor } from "../../domain/access.ts";
import { creation, diff } from "../../domain/audit/diff.ts";
import type { ChangeRecord } from "../../domain/audit/record.ts";
import { missing } from "../../domain/missing.ts";
import { definedOnly } from "../../domain/partial.ts";
import { canSee, type Subject } from "../../domain/policy.ts";
import { recordChanges } from "../../store/changes.ts";
import type { Sql } from "../../store/db.ts";
import { actorOf, change, type OpContext } from "../context.ts";

interface Versioned {
  id: number;
  revision: number;
  updatedAt: Date;
}

/** How one kind of record is found and saved, and which of its fields the audit trail follows. */
export interface RecordKind<T extends Versioned> {
  /** The audit subject type, which also names the 404 of a missing one. */
  type: ChangeRecord["subjectType"];
  fields: readonly (keyof T & string)[];
  /** The facts the access policy decides on: a record the actor may not see is a 404, read or written. */
  subject(record: T): Subject;
  find(sql: Sql, workspaceId: number, id: number, lock: boolean): Promise<T | null>;
  /** Saves a changed record; may throw a Failure (a taken email, say). */
  save(sql: Sql, workspaceId: number, next: T): Promise<void>;
}

export async function getRecord<T extends Versioned>(
  ctx: OpContext,
  actor: Actor,
  kind: RecordKind<T>,
  id: number,
  lock = false,
): Promise<T> {
  const found = await kind.find(ctx.db, actor.workspaceId, id, lock);
  if (!found || !canSee(actor, kind.subject(found))) throw missing(kind.type);
  return found;
}

/** Runs `insert` and audits the new record, in one transaction. */
export async function createRecord<T extends Versioned>(
  ctx: OpContext,
  actor: Actor,
  kind: RecordKind<T>,
  insert: (tx: OpContext, now: Date) => Promise<T>,
): Promise<T> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const created = await insert({ ...ctx, db: tx }, now);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: kind.type, id: created.id, revision: created.revision },
        "created",
        creation(created, kind.fields),
        now,
        created,
      ),
    ]);
    return created;
  });
}

/**
 * Applies the defined values of `input` to the record; a change that alters nothing keeps the revision.
 * `check` sees the merged record and the current one (inside the transaction) and may throw a Failure.
 */
export async function updateRecord<T extends Versioned>(
  ctx: OpContext,
  actor: Actor,
  kind: RecordKind<T>,
  id: number,
  input: Partial<NoInfer<T>>,
  check?: (tx: OpContext, merged: NoInfer<T>, current: NoInfer<T>) => Promise<void> | void,
): Promise<T> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const scoped = { ...ctx, db: tx };
    const current = await getRecord(scoped, actor, kind, id, true);
    const merged: T = { ...current, ...definedOnly(input) };
    await check?.(scoped, merged, current);
    const changes = diff(current, merged, kind.fields);
    if (changes.length === 0) return current;
    const next: T = { ...merged, revision: current.revision + 1, updatedAt: now };
    await kind.save(tx, actor.workspaceId, next);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: kind.type, id, revision: next.revision },
        "updated",
        changes,
        now,
        next,
      ),
    ]);
    return next;
  });
}
