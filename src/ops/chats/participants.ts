/** The participants of a case's conversation: list, add contacts, change reading state, remove. */
import type { Actor } from "../../domain/access.ts";
import { checkChangeable } from "../../domain/cases/decide.ts";
import { addedTo, changedIn, removedFrom } from "../../domain/chats/changes.ts";
import {
  checkNewParticipants,
  decideParticipant,
  type Participant,
  type ParticipantChanges,
} from "../../domain/chats/participant.ts";
import { unwrap } from "../../domain/errors.ts";
import { missing } from "../../domain/missing.ts";
import { canSee } from "../../domain/policy.ts";
import { contactsByIds, findContact } from "../../store/contacts.ts";
import type { Sql } from "../../store/db.ts";
import {
  deleteParticipant,
  findParticipant,
  insertParticipants,
  pageParticipants,
  participatingContacts,
  saveParticipant,
  unreadCounts,
} from "../../store/participants.ts";
import { loadRelated } from "../../store/related.ts";
import { loadVisibleCase } from "../cases/load.ts";
import type { OpContext } from "../context.ts";
import { conversationList, isVisibleEntryOf, recordConversationChange } from "./conversation.ts";

export const listParticipants = conversationList(pageParticipants);

async function loadParticipant(sql: Sql, actor: Actor, caseNumber: number, id: number, lock = false) {
  const current = await loadVisibleCase(sql, actor, caseNumber, lock);
  const found = await findParticipant(sql, actor.workspaceId, caseNumber, id, lock);
  if (!found) throw missing("participant");
  return { current, found };
}

export const getParticipant = async (ctx: OpContext, actor: Actor, caseNumber: number, id: number) =>
  (await loadParticipant(ctx.db, actor, caseNumber, id)).found;

/** Adds contacts to an open case's conversation, all or none; a blocked or already present contact is refused. */
export async function addParticipants(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  contactIds: readonly number[],
): Promise<Participant[]> {
  return ctx.db.transaction(async (tx) => {
    const current = await loadVisibleCase(tx, actor, caseNumber, true);
    unwrap(checkChangeable(current));
    const contacts = await Promise.all(contactIds.map((id) => findContact(tx, actor.workspaceId, id)));
    const present = await participatingContacts(tx, actor.workspaceId, caseNumber);
    const added = unwrap(
      checkNewParticipants(
        contacts.map((c) => c ?? undefined),
        present,
      ),
    );
    const now = ctx.now();
    const participants = await insertParticipants(
      tx,
      actor.workspaceId,
      caseNumber,
      added,
      actor.userId,
      now,
    );
    await recordConversationChange(tx, actor, current, addedTo("participants", participants), now);
    return participants;
  });
}

export async function updateParticipant(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  id: number,
  changes: ParticipantChanges,
): Promise<Participant> {
  return ctx.db.transaction(async (tx) => {
    const { current, found } = await loadParticipant(tx, actor, caseNumber, id, true);
    const lastReadExists = await isVisibleEntryOf(tx, actor, caseNumber, changes.lastReadEntryId);
    const now = ctx.now();
    const next = unwrap(decideParticipant(found, changes, { now, lastReadExists }));
    if (next === found) return found;
    // Reading moves only the participant's own position; muting or leaving is a change of the case.
    const changed = changedIn("participants", found, next);
    if (changed.length) unwrap(checkChangeable(current));
    await saveParticipant(tx, actor.workspaceId, next);
    await recordConversationChange(tx, actor, current, changed, now);
    return next;
  });
}

export async function removeParticipant(ctx: OpContext, actor: Actor, caseNumber: number, id: number) {
  await ctx.db.transaction(async (tx) => {
    const { current, found } = await loadParticipant(tx, actor, caseNumber, id, true);
    unwrap(checkChangeable(current));
    await deleteParticipant(tx, actor.workspaceId, id);
    await recordConversationChange(tx, actor, current, removedFrom("participants", found), ctx.now());
  });
}

/**
 * What presenting participants needs besides their rows: their contacts, users and accounts, and unread
 * counts as the actor would read them (internal entries count only for those who see them).
 */
export async function participantDetails(ctx: OpContext, actor: Actor, participants: readonly Participant[]) {
  const [contacts, users, unread] = await Promise.all([
    contactsByIds(
      ctx.db,
      actor.workspaceId,
      participants.flatMap((p) => (p.contactId === null ? [] : [p.contactId])),
    ),
    loadRelated(ctx.db, actor.workspaceId, {
      users: participants.flatMap((p) => [p.userId, p.addedBy]),
      accounts: [],
      queues: [],
    }),
    unreadCounts(
      ctx.db,
      actor.workspaceId,
      participants,
      canSee(actor, { type: "entry", visibility: "internal" }),
    ),
  ]);
  const accounts = await loadRelated(ctx.db, actor.workspaceId, {
    users: [],
    accounts: [...contacts.values()]
      .map((c) => c.accountId)
      .concat([...users.users.values()].map((u) => u.accountId)),
    queues: [],
  });
  return { contacts, users: users.users, accounts: accounts.accounts, unread };
}
