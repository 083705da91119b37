/** Changes a case and appends timeline entries, as one revision, honouring an expected revision. */
import type { Actor } from "../../domain/access.ts";
import type { FieldChange } from "../../domain/audit/diff.ts";
import type { CaseChanges } from "../../domain/cases/case.ts";
import { decideUpdate } from "../../domain/cases/decide.ts";
import { statusInCategory } from "../../domain/cases/status.ts";
import { checkWriteAccess, outsiderEntries, redactCase } from "../../domain/cases/visibility.ts";
import { fail, unwrap } from "../../domain/errors.ts";
import { appendedEntry, entriesToAppend, originKeyOf } from "../../domain/timeline/append.ts";
import { checkEntries, type EntryInput, type NewEntry } from "../../domain/timeline/entry.ts";
import { writeCaseChange } from "../../store/case-update.ts";
import { actorOf, change, type OpContext, type Sql } from "../context.ts";
import { type CaseWithEntries, caseReferences } from "./create-case.ts";
import { loadCaseForChange } from "./load.ts";
import { SEARCHED_FIELDS, searchableKeys } from "./search-text.ts";

export interface UpdateCaseInput {
  changes: CaseChanges;
  timeline?: EntryInput[];
  /** The revision the client last saw (If-Match); a different current revision fails the update. */
  expectedRevision?: number;
  /** For callers that know only open and resolved: move the case into this category, if it is not there. */
  category?: "unresolved" | "resolved";
  /** The caller's contract always needs a resolution to resolve, whatever the workspace requires. */
  requireResolution?: boolean;
}

/**
 * How often an update is decided on an unlocked read before it locks the case: each try that loses the race
 * lost it to a write that succeeded, so only a case many write at once gets that far.
 */
const UNLOCKED_TRIES = 3;

/**
 * An update is a read of the case with everything its decision needs, then one statement that writes it only
 * if the case is still at the revision it was decided on; when another write came first, it is decided again on
 * the case as that write left it (with If-Match, that is the revision mismatch). Inside an open transaction, and
 * after `UNLOCKED_TRIES` lost races, the read locks the case instead, so the write cannot miss.
 */
export async function updateCase(
  ctx: OpContext,
  actor: Actor,
  number: number,
  input: UpdateCaseInput,
): Promise<CaseWithEntries> {
  const now = ctx.now();
  const entryInputs = outsiderEntries(actor, input.timeline ?? []);
  const entries = unwrap(checkEntries(entryInputs, { type: "user", id: actor.userId }));
  const attempt = (sql: Sql, lock: boolean) =>
    decideAndWrite(sql, actor, number, input, { entryInputs, entries, now, lock });
  if (!ctx.db.inTransaction)
    for (let tries = 0; tries < UNLOCKED_TRIES; tries++) {
      const updated = await attempt(ctx.db, false);
      if (updated) return updated;
    }
  const updated = await ctx.db.transaction((tx) => attempt(tx, true));
  if (!updated) throw new Error(`case ${number} changed underneath a locked update`);
  return updated;
}

/** Null when the case moved on between the read and the write, which then wrote nothing. */
async function decideAndWrite(
  sql: Sql,
  actor: Actor,
  number: number,
  input: UpdateCaseInput,
  prepared: { entryInputs: EntryInput[]; entries: NewEntry[]; now: Date; lock: boolean },
): Promise<CaseWithEntries | null> {
  const { entryInputs, entries, now, lock } = prepared;
  const newParent = input.changes.parentNumber ?? null;
  const loaded = await loadCaseForChange(sql, actor, now, caseReferences(input.changes), {
    number,
    lock,
    parentNumber: newParent !== number ? newParent : null,
    origins: entries.flatMap((entry) => originKeyOf(entry) ?? []),
    entryIds: entries.length,
  });
  const { current } = loaded;
  if (input.expectedRevision !== undefined && input.expectedRevision !== current.revision)
    unwrap(
      fail(
        "revision_mismatch",
        `The case is at revision ${current.revision}, not ${input.expectedRevision}.`,
      ),
    );
  const status = input.category && statusInCategory(current.status, input.category);
  const changes: CaseChanges = status ? { ...input.changes, status } : input.changes;
  const rules = {
    ...loaded.rules,
    parentCycle: loaded.ancestorOfParent && !loaded.rules.unknownReferences.includes("parentNumber"),
    resolutionRequired: loaded.rules.resolutionRequired || input.requireResolution === true,
  };
  unwrap(checkWriteAccess(actor, changes, entryInputs, rules.definitions));
  const decided = unwrap(decideUpdate(current, changes, rules));
  const added = entriesToAppend(entries, loaded.heldOrigins).map((entry, i) =>
    appendedEntry(entry, loaded.entryIds[i]!, number, now),
  );
  if (decided.changes.length === 0 && added.length === 0)
    return { case: redactCase(current, actor, rules.definitions), entries: [] };
  const fieldChanges: FieldChange[] = [...decided.changes];
  let next = decided.next;
  if (added.length) {
    fieldChanges.push({ field: "timeline", before: null, after: added.map((entry) => entry.id) });
    if (decided.changes.length === 0) next = { ...current, revision: current.revision + 1, updatedAt: now };
  }
  const searched = added.length > 0 || fieldChanges.some((c) => SEARCHED_FIELDS.includes(c.field));
  const written = await writeCaseChange(sql, {
    next,
    decidedOn: current.revision,
    entries: added,
    searchableFields: searched
      ? {
          public: searchableKeys(rules.definitions, "public"),
          internal: searchableKeys(rules.definitions, "internal"),
        }
      : null,
    record: change(
      actorOf(actor),
      actor.workspaceId,
      { type: "case", id: number, revision: next.revision },
      "updated",
      fieldChanges,
      now,
      next,
      added,
    ),
  });
  return written ? { case: redactCase(next, actor, rules.definitions), entries: added } : null;
}
