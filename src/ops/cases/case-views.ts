/**
 * Cases with what a dialect shows beside them: the newest timeline entries, and the assignee, requester and
 * queue by name; plus numbered pages with a total, and a contact's newest case.
 */
import type { Actor } from "../../domain/access.ts";
import type { Case } from "../../domain/cases/case.ts";
import type { CaseFilter, CaseSort } from "../../domain/cases/list-query.ts";
import type { StatusCategory } from "../../domain/cases/status.ts";
import { STATUSES, statusCategory } from "../../domain/cases/status.ts";
import { redactCase } from "../../domain/cases/visibility.ts";
import { missing } from "../../domain/missing.ts";
import { canSee, isOperations, ownAccountOnly, visibleWhere } from "../../domain/policy.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { countCases, listCasesAt, type Total } from "../../store/case-page.ts";
import { contactsByIds, type Party, queuesByIds, usersByIds } from "../../store/case-parties.ts";
import { findContact, searchContacts } from "../../store/contacts.ts";
import { listDefinitions } from "../../store/fields.ts";
import { listRecentEntries } from "../../store/timeline.ts";
import type { OpContext } from "../context.ts";
import { getCase } from "./read-cases.ts";

export type { CaseFilter, CaseSort, Party, Total };

export interface CaseView {
  case: Case;
  /** The newest entries the actor may see, oldest first. */
  entries: TimelineEntry[];
  assignee: Party | null;
  requester: Party | null;
  queue: Party | null;
}

/** Entries shown per case: all a single read needs in practice, fewer on list pages. */
export const ENTRIES_PER_CASE = { one: 500, page: 50 } as const;

const ids = (values: (number | null)[]) => values.filter((value): value is number => value !== null);

/** Dresses visible, already-redacted cases; four queries whatever the page size. */
export async function viewsOf(
  ctx: OpContext,
  actor: Actor,
  cases: readonly Case[],
  perCase: number,
): Promise<CaseView[]> {
  const ws = actor.workspaceId;
  const [entries, users, contacts, queues] = await Promise.all([
    listRecentEntries(
      ctx.db,
      ws,
      cases.map((c) => c.number),
      { visible: visibleWhere(actor, "entry"), perCase, kind: null },
    ),
    usersByIds(ctx.db, ws, ids(cases.map((c) => c.assigneeId))),
    contactsByIds(ctx.db, ws, ids(cases.map((c) => c.requesterId))),
    queuesByIds(ctx.db, ws, ids(cases.map((c) => c.queueId))),
  ]);
  return cases.map((c) => ({
    case: c,
    entries: entries.filter((entry) => entry.caseNumber === c.number),
    assignee: c.assigneeId === null ? null : (users.get(c.assigneeId) ?? null),
    requester: c.requesterId === null ? null : (contacts.get(c.requesterId) ?? null),
    queue: c.queueId === null ? null : (queues.get(c.queueId) ?? null),
  }));
}

const outsiderDefinitions = async (ctx: OpContext, actor: Actor) =>
  isOperations(actor) ? [] : await listDefinitions(ctx.db, actor.workspaceId, "case");

/** The actor's own account, for client and vendor users, narrows every list. */
const scoped = (actor: Actor, filter: CaseFilter): CaseFilter => {
  const account = ownAccountOnly(actor);
  return account === null ? filter : { ...filter, accountId: account };
};

export async function findCasePage(
  ctx: OpContext,
  actor: Actor,
  query: { filter: CaseFilter; sort: CaseSort; offset: number; limit: number },
): Promise<{ views: CaseView[]; total: Total; more: boolean }> {
  const filter = scoped(actor, query.filter);
  const [rows, total, definitions] = await Promise.all([
    listCasesAt(ctx.db, actor.workspaceId, filter, query.sort, query.offset, query.limit + 1),
    countCases(ctx.db, actor.workspaceId, filter),
    outsiderDefinitions(ctx, actor),
  ]);
  const cases = rows.slice(0, query.limit).map((c) => redactCase(c, actor, definitions));
  return {
    views: await viewsOf(ctx, actor, cases, ENTRIES_PER_CASE.page),
    total,
    more: rows.length > query.limit,
  };
}

export interface ContactProbe {
  id?: number;
  email?: string;
  phone?: string;
  name?: string;
}

/** The contact a look-up names, among those the actor may see. */
async function findRequester(ctx: OpContext, actor: Actor, probe: ContactProbe) {
  if (probe.id !== undefined) {
    const found = await findContact(ctx.db, actor.workspaceId, probe.id);
    return found && canSee(actor, { type: "contact", accountId: found.accountId }) ? found : null;
  }
  const by = probe.email
    ? { email: probe.email }
    : probe.phone
      ? { phone: probe.phone }
      : { name: probe.name };
  const [found] = await searchContacts(ctx.db, actor.workspaceId, {
    ...by,
    visible: visibleWhere(actor, "contact"),
    afterId: null,
    limit: 1,
  });
  return found ?? null;
}

/**
 * The newest case a contact requested, within a status category (all when none); 404 when there is none.
 * The contact is found by id, else by email, phone or name, in that order.
 */
export async function newestCaseOf(
  ctx: OpContext,
  actor: Actor,
  probe: ContactProbe,
  category: Exclude<StatusCategory, "closed"> | null,
): Promise<CaseView> {
  const contact = await findRequester(ctx, actor, probe);
  if (!contact) throw missing("contact_case");
  // Resolved means resolved or closed here: a closed case was resolved first.
  const status = STATUSES.filter((s) =>
    category === "resolved" ? statusCategory(s) !== "unresolved" : statusCategory(s) === "unresolved",
  );
  const filter = scoped(actor, { requesterId: [contact.id], ...(category ? { status } : {}) });
  const [newest] = await listCasesAt(
    ctx.db,
    actor.workspaceId,
    filter,
    { field: "createdAt", direction: "desc" },
    0,
    1,
  );
  if (!newest) throw missing("contact_case");
  const shown = redactCase(newest, actor, await outsiderDefinitions(ctx, actor));
  return (await viewsOf(ctx, actor, [shown], ENTRIES_PER_CASE.one))[0]!;
}

export async function getCaseView(ctx: OpContext, actor: Actor, number: number): Promise<CaseView> {
  const found = await getCase(ctx, actor, number);
  return (await viewsOf(ctx, actor, [found], ENTRIES_PER_CASE.one))[0]!;
}
