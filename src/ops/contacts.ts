/** Contacts: create, change, read, search and delete. */
import type { Actor } from "../domain/access.ts";
import type { Case } from "../domain/cases/case.ts";
import {
  type Contact,
  type ContactChanges,
  type ContactQueryField,
  decideContact,
} from "../domain/contacts/contact.ts";
import { Failure, fail, unwrap } from "../domain/errors.ts";
import { missing } from "../domain/missing.ts";
import { can, canSee, ownAccountOnly, visibleWhere } from "../domain/policy.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { recordChanges } from "../store/changes.ts";
import {
  type ContactQuery,
  contactHasCases,
  countContacts,
  deleteContact,
  findContact,
  insertContact,
  queryContacts,
  saveContact,
  searchContacts,
} from "../store/contacts.ts";
import type { Sql } from "../store/db.ts";
import { listDefinitions } from "../store/fields.ts";
import { missingReferences } from "../store/references.ts";
import { latestEvents, loadRelated } from "../store/related.ts";
import { findCases, type Page, pageOf, withTotal } from "./cases/read-cases.ts";
import { actorOf, change, type OpContext } from "./context.ts";

async function contactRules(sql: Sql, actor: Actor, now: Date, changes: ContactChanges) {
  return {
    now,
    definitions: await listDefinitions(sql, actor.workspaceId, "contact"),
    mayWriteReadonly: can(actor, "field.readonly"),
    unknownReferences: await missingReferences(
      sql,
      actor.workspaceId,
      {
        accountId: { kind: "account", id: changes.accountId },
      },
      { account: visibleWhere(actor, "account") },
    ),
  };
}

/** A contact is written only where the actor may see it: client and vendor users keep theirs in their account. */
function checkContactAccount(actor: Actor, next: Pick<Contact, "accountId">) {
  if (!canSee(actor, { type: "contact", accountId: next.accountId }))
    unwrap(
      fail("forbidden", "accountId must be your own account.", [
        { path: ["accountId"], message: "must be your own account" },
      ]),
    );
}

/** A client or vendor user's new contact belongs to their account unless the input names one. */
export async function createContact(ctx: OpContext, actor: Actor, changes: ContactChanges): Promise<Contact> {
  const now = ctx.now();
  const input = { ...changes, accountId: changes.accountId ?? ownAccountOnly(actor) };
  return ctx.db.transaction(async (tx) => {
    const decided = unwrap(decideContact(null, input, await contactRules(tx, actor, now, input)));
    checkContactAccount(actor, decided.next);
    const created = await insertContact(tx, actor.workspaceId, decided.next);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "contact", id: created.id, revision: created.revision },
        "created",
        decided.changes,
        now,
        created,
      ),
    ]);
    return created;
  });
}

export async function getContact(ctx: OpContext, actor: Actor, id: number, lock = false): Promise<Contact> {
  const found = await findContact(ctx.db, actor.workspaceId, id, lock);
  if (!found || !canSee(actor, { type: "contact", accountId: found.accountId })) throw missing("contact");
  return found;
}

export async function updateContact(
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: ContactChanges,
): Promise<Contact> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = await getContact({ ...ctx, db: tx }, actor, id, true);
    const decided = unwrap(decideContact(current, input, await contactRules(tx, actor, now, input)));
    if (decided.changes.length === 0) return current;
    checkContactAccount(actor, decided.next);
    const next: Contact = { ...decided.next, id };
    await saveContact(
      tx,
      actor.workspaceId,
      next,
      decided.changes.some((c) => c.field === "handles"),
    );
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "contact", id, revision: next.revision },
        "updated",
        decided.changes,
        now,
        next,
      ),
    ]);
    return next;
  });
}

/** A contact who requested cases stays: deleting it would rewrite those cases' history. */
export async function removeContact(ctx: OpContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const current = await getContact({ ...ctx, db: tx }, actor, id, true);
    if (await contactHasCases(tx, actor.workspaceId, id))
      throw new Failure({
        code: "in_use",
        message: "The contact is the requester of cases and cannot be deleted.",
      });
    await deleteContact(tx, actor.workspaceId, id);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "contact", id, revision: current.revision + 1 },
        "deleted",
        [],
        now,
        { id },
      ),
    ]);
  });
}

export async function findContacts(
  ctx: OpContext,
  actor: Actor,
  search: Omit<ContactQuery, "visible"> & { count?: boolean },
): Promise<Page<Contact, number>> {
  const query = { ...search, visible: visibleWhere(actor, "contact") };
  const rows = await searchContacts(ctx.db, actor.workspaceId, query);
  return withTotal(
    pageOf(rows, query.limit, (last) => last.id),
    query.count,
    () => countContacts(ctx.db, actor.workspaceId, query),
  );
}

/** The newest cases (up to `limit`) a contact requested, among those the actor may see; an unknown contact is a 404. */
export async function casesOfContact(
  ctx: OpContext,
  actor: Actor,
  id: number,
  limit: number,
): Promise<Case[]> {
  await getContact(ctx, actor, id);
  const page = await findCases(ctx, actor, {
    filter: { requesterId: [id] },
    sort: { field: "number", direction: "desc" },
    after: null,
    limit,
  });
  return page.items;
}

/** A page of contacts by position, with how many match (the lists that show a total). */
export const listContacts = (ctx: OpContext, actor: Actor, query: ListQuery<ContactQueryField>) =>
  queryContacts(ctx.db, actor.workspaceId, query);

/** When each contact was created and last changed, and by whom, from the audit trail. */
export async function contactEvents(ctx: OpContext, actor: Actor, contacts: readonly Contact[]) {
  const events = await latestEvents(
    ctx.db,
    actor.workspaceId,
    "contact",
    contacts.map((c) => String(c.id)),
  );
  const actors = [...events.values()].flatMap((byAction) => Object.values(byAction).map((e) => e.actor.id));
  const related = await loadRelated(ctx.db, actor.workspaceId, { users: actors, accounts: [], queues: [] });
  return { events, related };
}
