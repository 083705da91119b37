/** Deletes a timeline entry (content emptied, record kept) as an audited change of its case. */
import type { Actor } from "../../domain/access.ts";
import { checkChangeable } from "../../domain/cases/decide.ts";
import { unwrap } from "../../domain/errors.ts";
import { decideEntryDelete } from "../../domain/timeline/delete.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { refreshSearchDocument, saveCase } from "../../store/cases.ts";
import { recordChanges } from "../../store/changes.ts";
import { saveEntry } from "../../store/timeline.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { loadVisibleEntry } from "./edit-entry.ts";
import { loadVisibleCase } from "./load.ts";

export async function deleteEntry(
  ctx: OpContext,
  actor: Actor,
  number: number,
  entryId: number,
): Promise<{ entry: TimelineEntry; revision: number }> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = await loadVisibleCase(tx, actor, number, true);
    const entry = await loadVisibleEntry(tx, actor, number, entryId);
    unwrap(checkChangeable(current));
    const decided = unwrap(decideEntryDelete(entry, actor, now));
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
