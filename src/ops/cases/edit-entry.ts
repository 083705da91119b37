/** Edits or deletes an entry of a case's timeline; either is a change of the case, audited field by field. */
import type { Actor } from "../../domain/access.ts";
import type { FieldChange } from "../../domain/audit/diff.ts";
import { checkChangeable } from "../../domain/cases/decide.ts";
import { type Result, unwrap } from "../../domain/errors.ts";
import { missing } from "../../domain/missing.ts";
import { decideEntryDelete } from "../../domain/timeline/delete.ts";
import { decideEntryEdit, type EntryEdit } from "../../domain/timeline/edit.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { refreshSearchDocument, saveCase } from "../../store/cases.ts";
import { recordChanges } from "../../store/changes.ts";
import { findEntry, saveEntry } from "../../store/timeline.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { loadVisibleCase, loadVisibleEntry } from "./load.ts";

type EntryDecision = (
  entry: TimelineEntry,
  now: Date,
) => Result<{ next: TimelineEntry; changes: FieldChange[] }>;

/** Loads the entry, lets `decide` change it, and saves it as one audited revision of its case. */
async function changeEntry(
  ctx: OpContext,
  actor: Actor,
  number: number,
  entryId: number,
  decide: EntryDecision,
): Promise<{ entry: TimelineEntry; revision: number }> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = await loadVisibleCase(tx, actor, number, true);
    const entry = await loadVisibleEntry(tx, actor, number, entryId, true);
    unwrap(checkChangeable(current));
    const decided = unwrap(decide(entry, now));
    if (decided.changes.length === 0) return { entry, revision: current.revision };
    const next = { ...current, revision: current.revision + 1, updatedAt: now };
    await saveEntry(tx, actor.workspaceId, decided.next);
    await saveCase(tx, next, current.revision);
    await refreshSearchDocument(tx, actor.workspaceId, number);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "case", id: number, revision: next.revision },
        "updated",
        decided.changes,
        now,
        next,
      ),
    ]);
    return { entry: decided.next, revision: next.revision };
  });
}

export const editEntry = (ctx: OpContext, actor: Actor, number: number, entryId: number, edit: EntryEdit) =>
  changeEntry(ctx, actor, number, entryId, (entry, now) => decideEntryEdit(entry, edit, actor, now));

/** Deleting empties the content and keeps the entry. */
export const deleteEntry = (ctx: OpContext, actor: Actor, number: number, entryId: number) =>
  changeEntry(ctx, actor, number, entryId, (entry, now) => decideEntryDelete(entry, actor, now));

/** Edits a note named by its id alone (as APIs without the case in the path do); the case is the note's own. */
export async function editNote(
  ctx: OpContext,
  actor: Actor,
  entryId: number,
  edit: EntryEdit,
): Promise<{ entry: TimelineEntry; revision: number }> {
  const entry = await findEntry(ctx.db, actor.workspaceId, entryId);
  if (!entry) throw missing("entry");
  return editEntry(ctx, actor, entry.caseNumber, entryId, edit);
}
