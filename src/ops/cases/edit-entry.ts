/** Edits a note on a case's timeline; the edit is a change of the case, audited field by field. */
import type { Actor } from "../../domain/access.ts";
import { checkChangeable } from "../../domain/cases/decide.ts";
import { notFound, unwrap } from "../../domain/errors.ts";
import { canSee } from "../../domain/policy.ts";
import { decideEntryEdit, type EntryEdit } from "../../domain/timeline/edit.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { refreshSearchDocument, saveCase } from "../../store/cases.ts";
import { recordChanges } from "../../store/changes.ts";
import { findEntry, saveEntry } from "../../store/timeline.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { loadVisibleCase } from "./load.ts";

export async function editEntry(
  ctx: OpContext,
  actor: Actor,
  number: number,
  entryId: number,
  edit: EntryEdit,
): Promise<{ entry: TimelineEntry; revision: number }> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = await loadVisibleCase(tx, actor, number, true);
    const entry = Number.isSafeInteger(entryId)
      ? await findEntry(tx, actor.workspaceId, entryId, true)
      : null;
    // An entry of another case, or one the actor may not see, is not there.
    if (
      !entry ||
      entry.caseNumber !== number ||
      !canSee(actor, { type: "entry", visibility: entry.visibility })
    )
      throw notFound("entry_not_found");
    unwrap(checkChangeable(current));
    const decided = unwrap(decideEntryEdit(entry, edit, actor, now));
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
