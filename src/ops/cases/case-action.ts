/** Runs a named case action (query, process, complete) as one change of the one lifecycle. */
import type { Actor } from "../../domain/access.ts";
import { type ActionInput, type CaseAction, decideAction } from "../../domain/cases/actions.ts";
import { unwrap } from "../../domain/errors.ts";
import { lastAssignee } from "../../store/related.ts";
import type { OpContext } from "../context.ts";
import type { CaseWithEntries } from "./create-case.ts";
import { loadVisibleCase } from "./load.ts";
import { updateCase } from "./update-case.ts";

export async function runCaseAction(
  ctx: OpContext,
  actor: Actor,
  number: number,
  action: CaseAction,
  input: ActionInput & { expectedRevision?: number },
): Promise<CaseWithEntries> {
  return ctx.db.transaction(async (tx) => {
    const current = await loadVisibleCase(tx, actor, number, true);
    const needsLast = action === "process" && current.assigneeId === null;
    const lastAssigneeId = needsLast ? await lastAssignee(tx, actor.workspaceId, number) : null;
    const changes = unwrap(decideAction(current, action, input, { lastAssigneeId }));
    return updateCase({ ...ctx, db: tx }, actor, number, {
      changes,
      ...(input.expectedRevision !== undefined ? { expectedRevision: input.expectedRevision } : {}),
    });
  });
}
