/** Deleting a timeline entry: its content is emptied and the record kept, so the conversation keeps its shape. */
import type { Actor } from "../access.ts";
import type { FieldChange } from "../audit/diff.ts";
import { fail, ok, type Result } from "../errors.ts";
import { isOperations } from "../policy.ts";
import type { TimelineEntry } from "./entry.ts";

/**
 * Messages and notes may be deleted by whoever wrote them, and by operations users; an interaction is a record
 * of a post on another network and stays. The audit names the deletion, never the deleted words.
 */
export function decideEntryDelete(
  entry: TimelineEntry,
  actor: Actor,
  now: Date,
): Result<{ next: TimelineEntry; changes: FieldChange[] }> {
  if (entry.kind === "interaction")
    return fail(
      "entry_not_editable",
      "An interaction records a post on another network and cannot be deleted.",
    );
  if (!isOperations(actor) && !(entry.authorType === "user" && entry.authorId === actor.userId))
    return fail("forbidden", "Client and vendor users delete only their own messages.");
  if (entry.deletedAt) return ok({ next: entry, changes: [] });
  return ok({
    next: { ...entry, title: null, body: "", deletedAt: now, revision: entry.revision + 1, updatedAt: now },
    changes: [{ field: `timeline.${entry.id}.deleted`, before: false, after: true }],
  });
}
