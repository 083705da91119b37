/** Files of a case's conversation: upload (streamed into the database in chunks), read, describe, delete. */
import type { Actor } from "../../domain/access.ts";
import { checkChangeable } from "../../domain/cases/decide.ts";
import {
  type Attachment,
  type AttachmentDescription,
  decideAttachmentDelete,
  decideDescription,
} from "../../domain/chats/attachment.ts";
import { addedTo, changedIn, removedFrom } from "../../domain/chats/changes.ts";
import { unwrap } from "../../domain/errors.ts";
import { missing } from "../../domain/missing.ts";
import {
  findAttachment,
  insertAttachment,
  insertChunk,
  pageAttachments,
  readChunk,
  saveAttachment,
} from "../../store/attachments.ts";
import type { Sql } from "../../store/db.ts";
import { loadVisibleCase } from "../cases/load.ts";
import type { OpContext } from "../context.ts";
import { conversationList, recordConversationChange } from "./conversation.ts";

/** A received file: what the edge measured while it streamed in, and its bytes to store. */
export interface Upload {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  description: Partial<AttachmentDescription>;
  chunks: AsyncIterable<Buffer>;
}

export const listAttachments = conversationList(pageAttachments);

async function loadAttachment(sql: Sql, actor: Actor, caseNumber: number, id: number, lock = false) {
  const current = await loadVisibleCase(sql, actor, caseNumber, lock);
  const found = await findAttachment(sql, actor.workspaceId, caseNumber, id, lock);
  if (!found) throw missing("attachment");
  return { current, found };
}

export async function getAttachment(ctx: OpContext, actor: Actor, caseNumber: number, id: number) {
  return (await loadAttachment(ctx.db, actor, caseNumber, id)).found;
}

/** Whether the actor may attach files to the case now: asked before a body is read, so a refusal costs no upload. */
export async function checkAttachable(ctx: OpContext, actor: Actor, caseNumber: number): Promise<void> {
  unwrap(checkChangeable(await loadVisibleCase(ctx.db, actor, caseNumber)));
}

/** Stores the file and its metadata in one transaction: either all of it is there, or none. */
export async function addAttachment(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  upload: Upload,
): Promise<Attachment> {
  return ctx.db.transaction(async (tx) => {
    const current = await loadVisibleCase(tx, actor, caseNumber, true);
    unwrap(checkChangeable(current));
    const now = ctx.now();
    const described = unwrap(decideDescription(null, upload.description, upload.filename, now));
    const created = await insertAttachment(tx, actor.workspaceId, {
      caseNumber,
      ...described,
      filename: upload.filename,
      contentType: upload.contentType,
      size: upload.size,
      sha256: upload.sha256,
      addedBy: actor.userId,
      deletedAt: null,
      createdAt: now,
    });
    let seq = 0;
    for await (const chunk of upload.chunks)
      await insertChunk(tx, actor.workspaceId, created.id, seq++, chunk);
    await recordConversationChange(tx, actor, current, addedTo("attachments", [created]), now);
    return created;
  });
}

export async function describeAttachment(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  id: number,
  changes: Partial<AttachmentDescription>,
): Promise<Attachment> {
  return ctx.db.transaction(async (tx) => {
    const { current, found } = await loadAttachment(tx, actor, caseNumber, id, true);
    unwrap(checkChangeable(current));
    const now = ctx.now();
    const decided = unwrap(decideDescription(found, changes, found.filename, now));
    if (decided === found) return found;
    const next = { ...found, ...decided };
    await saveAttachment(tx, actor.workspaceId, next);
    await recordConversationChange(tx, actor, current, changedIn("attachments", found, next), now);
    return next;
  });
}

/** Marks the attachment deleted and drops its bytes; the record stays. */
export async function removeAttachment(ctx: OpContext, actor: Actor, caseNumber: number, id: number) {
  await ctx.db.transaction(async (tx) => {
    const { current, found } = await loadAttachment(tx, actor, caseNumber, id, true);
    unwrap(checkChangeable(current));
    const now = ctx.now();
    const next = decideAttachmentDelete(found, now);
    if (next === found) return;
    await saveAttachment(tx, actor.workspaceId, next);
    await recordConversationChange(tx, actor, current, removedFrom("attachments", found), now);
  });
}

/** The file's bytes, chunk by chunk as they are read; a deleted file has none to give (404). */
export async function attachmentContent(ctx: OpContext, actor: Actor, caseNumber: number, id: number) {
  const found = await getAttachment(ctx, actor, caseNumber, id);
  if (found.deletedAt) throw missing("attachment");
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const chunk = await readChunk(ctx.db, actor.workspaceId, id, seq);
      if (!chunk) return;
      yield chunk;
    }
  }
  return { attachment: found, chunks: chunks() };
}
