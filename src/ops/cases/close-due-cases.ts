/** The scheduled job that closes resolved cases after their workspace's close delay. */
import { decideAutoClose } from "../../domain/cases/decide.ts";
import { lockCasesDueToClose, saveCase } from "../../store/cases.ts";
import { recordChanges } from "../../store/changes.ts";
import { findWorkspace } from "../../store/workspaces.ts";
import { change, type OpContext, SYSTEM } from "../context.ts";

/** Closes up to `batch` due cases in one transaction; rows held by another server are skipped. */
export async function closeDueCases(ctx: OpContext, batch = 200): Promise<number> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const due = await lockCasesDueToClose(tx, now, batch);
    const delays = new Map<number, number>();
    const records = [];
    for (const current of due) {
      if (!delays.has(current.workspaceId))
        delays.set(
          current.workspaceId,
          (await findWorkspace(tx, { id: current.workspaceId }))?.closeDelaySeconds ?? 0,
        );
      const decided = decideAutoClose(current, now, delays.get(current.workspaceId) ?? 0);
      if (!decided) continue;
      await saveCase(tx, decided.next, current.revision);
      records.push(
        change(
          SYSTEM,
          current.workspaceId,
          { type: "case", id: current.number, revision: decided.next.revision },
          "closed",
          decided.changes,
          now,
          decided.next,
        ),
      );
    }
    await recordChanges(tx, records);
    return records.length;
  });
}
