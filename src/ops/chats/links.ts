/** The links of a case's conversation: list, add, change, and delete (kept, marked deleted). */
import type { Actor } from "../../domain/access.ts";
import { checkChangeable } from "../../domain/cases/decide.ts";
import { addedTo, changedIn, removedFrom } from "../../domain/chats/changes.ts";
import { decideLink, decideLinkDelete, type Link, type LinkFields } from "../../domain/chats/link.ts";
import { unwrap } from "../../domain/errors.ts";
import { missing } from "../../domain/missing.ts";
import { findLink, insertLink, pageLinks, saveLink } from "../../store/links.ts";
import { loadVisibleCase } from "../cases/load.ts";
import type { OpContext } from "../context.ts";
import { conversationList, isVisibleEntryOf, recordConversationChange } from "./conversation.ts";

export const listLinks = conversationList(pageLinks);

export async function getLink(ctx: OpContext, actor: Actor, caseNumber: number, id: number): Promise<Link> {
  await loadVisibleCase(ctx.db, actor, caseNumber);
  const found = await findLink(ctx.db, actor.workspaceId, caseNumber, id);
  if (!found) throw missing("link");
  return found;
}

export async function addLink(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  fields: Partial<LinkFields>,
): Promise<Link> {
  return ctx.db.transaction(async (tx) => {
    const current = await loadVisibleCase(tx, actor, caseNumber, true);
    unwrap(checkChangeable(current));
    const now = ctx.now();
    const entryExists = await isVisibleEntryOf(tx, actor, caseNumber, fields.entryId);
    const decided = unwrap(decideLink(null, fields, { now, entryExists }));
    const link = await insertLink(tx, actor.workspaceId, { ...decided, caseNumber, addedBy: actor.userId });
    await recordConversationChange(tx, actor, current, addedTo("links", [link]), now);
    return link;
  });
}

/** Changes a link, or (`remove`) marks it deleted; a link of another case is not there. */
export async function changeLink(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  id: number,
  change: Partial<LinkFields> | "remove",
): Promise<Link> {
  return ctx.db.transaction(async (tx) => {
    const owner = await loadVisibleCase(tx, actor, caseNumber, true);
    unwrap(checkChangeable(owner));
    const current = await findLink(tx, actor.workspaceId, caseNumber, id, true);
    if (!current) throw missing("link");
    const now = ctx.now();
    if (change === "remove") {
      const next = decideLinkDelete(current, now);
      if (next === current) return current;
      await saveLink(tx, actor.workspaceId, next);
      await recordConversationChange(tx, actor, owner, removedFrom("links", current), now);
      return next;
    }
    const entryExists = await isVisibleEntryOf(tx, actor, caseNumber, change.entryId);
    const decided = unwrap(decideLink(current, change, { now, entryExists }));
    if (decided === current) return current;
    const next = { ...current, ...decided };
    await saveLink(tx, actor.workspaceId, next);
    await recordConversationChange(tx, actor, owner, changedIn("links", current, next), now);
    return next;
  });
}
