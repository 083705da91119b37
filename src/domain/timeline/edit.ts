/** Editing a timeline entry: only notes are edited (interactions and messages record what was said). */
import type { Actor } from "../access.ts";
import { diff, type FieldChange } from "../audit/diff.ts";
import { LIMITS } from "../cases/case.ts";
import { type FieldError, fail, invalid, ok, type Result } from "../errors.ts";
import { isOperations } from "../policy.ts";
import type { TimelineEntry, Visibility } from "./entry.ts";

export interface EntryEdit {
  title?: string | null;
  body?: string;
  visibility?: Visibility;
}

export function decideEntryEdit(
  entry: TimelineEntry,
  edit: EntryEdit,
  actor: Actor,
  now: Date,
): Result<{ next: TimelineEntry; changes: FieldChange[] }> {
  // Sending back what the entry already says (a client echoing the whole object) changes nothing, whatever its kind.
  const echoed =
    (edit.title === undefined || edit.title === entry.title) &&
    (edit.body === undefined || edit.body === entry.body) &&
    (edit.visibility === undefined || edit.visibility === entry.visibility);
  if (echoed) return ok({ next: entry, changes: [] });
  if (entry.deletedAt) return fail("entry_not_editable", "The entry was deleted and cannot be edited.");
  if (entry.kind !== "note")
    return fail("entry_not_editable", `A ${entry.kind} records what was said and cannot be edited.`);
  if (!isOperations(actor) && !(entry.authorType === "user" && entry.authorId === actor.userId))
    return fail("forbidden", "Client and vendor users edit only their own notes.");
  const errors: FieldError[] = [];
  if (edit.body !== undefined && edit.body.trim().length === 0)
    errors.push({ path: ["body"], message: "must not be empty" });
  if (edit.body !== undefined && edit.body.length > LIMITS.entryBody)
    errors.push({ path: ["body"], message: `must be at most ${LIMITS.entryBody} characters` });
  if (edit.title && edit.title.length > LIMITS.entryTitle)
    errors.push({ path: ["title"], message: `must be at most ${LIMITS.entryTitle} characters` });
  if (edit.visibility === "internal" && !isOperations(actor))
    errors.push({ path: ["visibility"], message: "internal entries are for operations users" });
  if (errors.length) return invalid(errors);
  const merged: TimelineEntry = {
    ...entry,
    ...(edit.title !== undefined ? { title: edit.title } : {}),
    ...(edit.body !== undefined ? { body: edit.body } : {}),
    ...(edit.visibility !== undefined ? { visibility: edit.visibility } : {}),
  };
  const changes = diff(entry, merged, ["title", "body", "visibility"]).map((c) => ({
    ...c,
    field: `timeline.${entry.id}.${c.field}`,
  }));
  if (changes.length === 0) return ok({ next: entry, changes });
  return ok({ next: { ...merged, revision: entry.revision + 1, updatedAt: now }, changes });
}
