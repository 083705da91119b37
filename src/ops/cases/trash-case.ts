/** Trash, restore and permanent deletion; each acts on the case together with its subcases. */
import type { Actor } from "../../domain/access.ts";
import type { Case } from "../../domain/cases/case.ts";
import { decideTrash } from "../../domain/cases/decide.ts";
import { fail, unwrap } from "../../domain/errors.ts";
import { deleteCases, lockCaseTree, saveCase } from "../../store/cases.ts";
import { forgetAudit, recordChanges } from "../../store/changes.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { loadVisibleCase } from "./load.ts";

async function moveTree(ctx: OpContext, actor: Actor, number: number, trashed: boolean): Promise<Case> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const root = await loadVisibleCase(tx, actor, number, true);
    unwrap(decideTrash(root, now, trashed));
    const tree = await lockCaseTree(tx, actor.workspaceId, number);
    const records = [];
    let movedRoot = root;
    for (const member of tree) {
      const decided = decideTrash(member, now, trashed);
      if (!decided.ok) continue; // a subcase already where the root is going stays as it is
      await saveCase(tx, decided.value.next, member.revision);
      if (member.number === number) movedRoot = decided.value.next;
      records.push(
        change(
          actorOf(actor),
          actor.workspaceId,
          { type: "case", id: member.number, revision: decided.value.next.revision },
          trashed ? "trashed" : "restored",
          decided.value.changes,
          now,
          decided.value.next,
        ),
      );
    }
    await recordChanges(tx, records);
    return movedRoot;
  });
}

export const trashCase = (ctx: OpContext, actor: Actor, number: number) => moveTree(ctx, actor, number, true);
export const restoreCase = (ctx: OpContext, actor: Actor, number: number) =>
  moveTree(ctx, actor, number, false);

/** Deletes a trashed case and its subcases for good; only a content-free record of the purge remains. */
export async function purgeCase(ctx: OpContext, actor: Actor, number: number): Promise<number[]> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const root = await loadVisibleCase(tx, actor, number, true);
    if (!root.trashedAt)
      unwrap(fail("case_not_trashed", "Move the case to the trash before deleting it for good."));
    const numbers = (await lockCaseTree(tx, actor.workspaceId, number)).map((member) => member.number);
    await deleteCases(tx, actor.workspaceId, numbers);
    await forgetAudit(tx, actor.workspaceId, "case", numbers.map(String));
    await recordChanges(
      tx,
      numbers.map((n) =>
        change(
          actorOf(actor),
          actor.workspaceId,
          { type: "case", id: n, revision: null },
          "purged",
          [],
          now,
          {
            number: n,
          },
        ),
      ),
    );
    return numbers;
  });
}

/**
 * Runs `each` on several cases in one transaction (all or nothing), skipping a case an earlier one already
 * took with it as a subcase; answers the numbers asked for.
 */
async function several(
  ctx: OpContext,
  numbers: readonly number[],
  each: (scoped: OpContext, number: number) => Promise<number[]>,
): Promise<number[]> {
  return ctx.db.transaction(async (tx) => {
    const scoped = { db: tx, now: ctx.now };
    const done = new Set<number>();
    for (const number of numbers) {
      if (done.has(number)) continue;
      for (const member of await each(scoped, number)) done.add(member);
    }
    return [...new Set(numbers)];
  });
}

/** Moves several cases, each with its subcases, to the trash. */
export const trashCases = (ctx: OpContext, actor: Actor, numbers: readonly number[]) =>
  several(ctx, numbers, async (scoped, number) => {
    await trashCase(scoped, actor, number);
    return (await lockCaseTree(scoped.db, actor.workspaceId, number)).map((member) => member.number);
  });

/** Deletes several trashed cases, each with its subcases, for good. */
export const purgeCases = (ctx: OpContext, actor: Actor, numbers: readonly number[]) =>
  several(ctx, numbers, (scoped, number) => purgeCase(scoped, actor, number));
