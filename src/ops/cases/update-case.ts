/** Changes a case and appends timeline entries, as one revision, honouring an expected revision. */
import type { Actor } from "../../domain/access.ts";
import type { FieldChange } from "../../domain/audit/diff.ts";
import type { CaseChanges } from "../../domain/cases/case.ts";
import { decideUpdate } from "../../domain/cases/decide.ts";
import { statusInCategory } from "../../domain/cases/status.ts";
import { checkWriteAccess, outsiderEntries, redactCase } from "../../domain/cases/visibility.ts";
import { fail, unwrap } from "../../domain/errors.ts";
import { checkEntries, type EntryInput } from "../../domain/timeline/entry.ts";
import { isAncestorOrSelf, refreshSearchDocument, saveCase } from "../../store/cases.ts";
import { recordChanges } from "../../store/changes.ts";
import { insertEntries } from "../../store/timeline.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { type CaseWithEntries, caseReferences } from "./create-case.ts";
import { loadCaseRules, loadVisibleCase } from "./load.ts";
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

export async function updateCase(
  ctx: OpContext,
  actor: Actor,
  number: number,
  input: UpdateCaseInput,
): Promise<CaseWithEntries> {
  const now = ctx.now();
  const entryInputs = outsiderEntries(actor, input.timeline ?? []);
  const entries = unwrap(checkEntries(entryInputs, { type: "user", id: actor.userId }));
  return ctx.db.transaction(async (tx) => {
    const current = await loadVisibleCase(tx, actor, number, true);
    if (input.expectedRevision !== undefined && input.expectedRevision !== current.revision)
      unwrap(
        fail(
          "revision_mismatch",
          `The case is at revision ${current.revision}, not ${input.expectedRevision}.`,
        ),
      );
    const status = input.category && statusInCategory(current.status, input.category);
    const changes: CaseChanges = status ? { ...input.changes, status } : input.changes;
    const loaded = await loadCaseRules(tx, actor, now, caseReferences(changes));
    const parentCycle =
      changes.parentNumber != null &&
      changes.parentNumber !== number &&
      !loaded.unknownReferences.includes("parentNumber") &&
      (await isAncestorOrSelf(tx, actor.workspaceId, changes.parentNumber, number));
    const rules = {
      ...loaded,
      parentCycle,
      resolutionRequired: loaded.resolutionRequired || input.requireResolution === true,
    };
    unwrap(checkWriteAccess(actor, changes, entryInputs, rules.definitions));
    const decided = unwrap(decideUpdate(current, changes, rules));
    const added = await insertEntries(tx, actor.workspaceId, number, entries, now);
    if (decided.changes.length === 0 && added.length === 0)
      return { case: redactCase(current, actor, rules.definitions), entries: [] };
    const fieldChanges: FieldChange[] = [...decided.changes];
    let next = decided.next;
    if (added.length) {
      fieldChanges.push({ field: "timeline", before: null, after: added.map((entry) => entry.id) });
      if (decided.changes.length === 0) next = { ...current, revision: current.revision + 1, updatedAt: now };
    }
    await saveCase(tx, next, current.revision);
    if (added.length || fieldChanges.some((c) => SEARCHED_FIELDS.includes(c.field)))
      await refreshSearchDocument(tx, actor.workspaceId, number, {
        public: searchableKeys(rules.definitions, "public"),
        internal: searchableKeys(rules.definitions, "internal"),
      });
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "case", id: number, revision: next.revision },
        "updated",
        fieldChanges,
        now,
        next,
        added,
      ),
    ]);
    return { case: redactCase(next, actor, rules.definitions), entries: added };
  });
}
