/** What the conversation ops share: the messages of the conversation, and recording its changes on the case. */
import type { Actor } from "../../domain/access.ts";
import type { FieldChange } from "../../domain/audit/diff.ts";
import type { Case } from "../../domain/cases/case.ts";
import { canSee } from "../../domain/policy.ts";
import type { ListQuery } from "../../domain/query/condition.ts";
import { saveCase } from "../../store/cases.ts";
import { recordChanges } from "../../store/changes.ts";
import type { Sql } from "../../store/db.ts";
import { loadRelated } from "../../store/related.ts";
import { findEntry } from "../../store/timeline.ts";
import { loadVisibleCase } from "../cases/load.ts";
import { actorOf, change, type OpContext } from "../context.ts";

/** Whether `entryId` is a message of the case that the actor may see (null names none, and is fine). */
export async function isVisibleEntryOf(
  sql: Sql,
  actor: Actor,
  caseNumber: number,
  entryId: number | null | undefined,
): Promise<boolean> {
  if (entryId === null || entryId === undefined) return true;
  const entry = await findEntry(sql, actor.workspaceId, entryId);
  return (
    entry !== null &&
    entry.caseNumber === caseNumber &&
    canSee(actor, { type: "entry", visibility: entry.visibility })
  );
}

/** The users who added links or files, for presenting who created them. */
export const addersOf = (ctx: OpContext, actor: Actor, rows: readonly { addedBy: number | null }[]) =>
  loadRelated(ctx.db, actor.workspaceId, { users: rows.map((row) => row.addedBy), accounts: [], queues: [] });

type ConversationPage = Pick<ListQuery, "limit" | "offset">;

/**
 * Lists one part of a case's conversation (participants, links, files, answers) through its store's page,
 * once the case is there for the actor (else its 404).
 */
export const conversationList =
  <T>(pageOf: (sql: Sql, workspaceId: number, caseNumber: number, page: ConversationPage) => Promise<T>) =>
  async (ctx: OpContext, actor: Actor, caseNumber: number, page: ConversationPage): Promise<T> => {
    await loadVisibleCase(ctx.db, actor, caseNumber);
    return pageOf(ctx.db, actor.workspaceId, caseNumber, page);
  };

/**
 * A change of the conversation is a change of its case (`current`, loaded locked): a new revision, in the
 * case's audit trail, with its event (`case.updated` and the part's own topic). No changes: nothing is written.
 */
export async function recordConversationChange(
  tx: Sql,
  actor: Actor,
  current: Case,
  changes: FieldChange[],
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  const next = { ...current, revision: current.revision + 1, updatedAt: now };
  await saveCase(tx, next, current.revision);
  await recordChanges(tx, [
    change(
      actorOf(actor),
      actor.workspaceId,
      { type: "case", id: current.number, revision: next.revision },
      "updated",
      changes,
      now,
      next,
    ),
  ]);
}
