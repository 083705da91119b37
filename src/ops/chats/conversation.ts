/** What the participant and link ops share: the messages of the conversation they belong to. */
import type { Actor } from "../../domain/access.ts";
import { canSee } from "../../domain/policy.ts";
import type { Sql } from "../../store/db.ts";
import { loadRelated } from "../../store/related.ts";
import { findEntry } from "../../store/timeline.ts";
import type { OpContext } from "../context.ts";

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
