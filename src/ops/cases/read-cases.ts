/** Reading cases: one case, a filtered page of cases, a case's timeline and its history. */
import type { Actor } from "../../domain/access.ts";
import type { AuditRecord } from "../../domain/audit/record.ts";
import type { Case } from "../../domain/cases/case.ts";
import type { CaseFilter, CasePosition, CaseSort } from "../../domain/cases/list-query.ts";
import { STATUSES, type Status } from "../../domain/cases/status.ts";
import { redactCase, seesField } from "../../domain/cases/visibility.ts";
import { Failure, unwrap } from "../../domain/errors.ts";
import { fieldFilter } from "../../domain/fields/filter.ts";
import { can, isOperations, ownAccountOnly, refusal, visibleWhere } from "../../domain/policy.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { countCases, countCasesByStatus, listCases, sortValue } from "../../store/case-list.ts";
import { countAudit, listAudit } from "../../store/changes.ts";
import type { Total } from "../../store/count.ts";
import { listDefinitions } from "../../store/fields.ts";
import { countEntries, listEntries, listRecentEntries } from "../../store/timeline.ts";
import type { OpContext } from "../context.ts";
import { loadVisibleCase, loadVisibleEntry, visibleOrMissing } from "./load.ts";

export interface Page<T, P> {
  items: T[];
  /** Where the next page starts, or null on the last page. */
  next: P | null;
  /** How many items the whole list holds, when asked for. */
  total?: Total;
}

/** Adds the list's total to a page when the caller asked for it. */
export async function withTotal<T, P>(
  page: Page<T, P>,
  wanted: boolean | undefined,
  count: () => Promise<Total>,
): Promise<Page<T, P>> {
  return wanted ? { ...page, total: await count() } : page;
}

/** Trims the extra row a store query fetched and turns it into the next page's position. */
export function pageOf<T, P>(rows: T[], limit: number, positionOf: (last: T) => P): Page<T, P> {
  if (rows.length <= limit) return { items: rows, next: null };
  const items = rows.slice(0, limit);
  return { items, next: positionOf(items[items.length - 1]!) };
}

/** Outsiders' view needs the field definitions; operations users skip the query. */
const outsiderDefinitions = async (ctx: OpContext, actor: Actor) =>
  isOperations(actor) ? [] : await listDefinitions(ctx.db, actor.workspaceId, "case");

/** One case the actor may see; outside a transaction its read shares one query with the concurrent ones. */
export async function getCase(ctx: OpContext, actor: Actor, number: number): Promise<Case> {
  const found =
    ctx.reads && !ctx.db.inTransaction
      ? visibleOrMissing(actor, await ctx.reads.find(actor.workspaceId, number))
      : await loadVisibleCase(ctx.db, actor, number);
  return redactCase(found, actor, await outsiderDefinitions(ctx, actor));
}

/** One timeline entry of a case the actor sees, if the actor may see the entry too. */
export async function getEntry(
  ctx: OpContext,
  actor: Actor,
  number: number,
  entryId: number,
): Promise<TimelineEntry> {
  await loadVisibleCase(ctx.db, actor, number);
  return loadVisibleEntry(ctx.db, actor, number, entryId);
}

export interface CaseQuery {
  filter: CaseFilter;
  /** `customFields.<key>` filters as sent, read by each field's type. */
  fieldFilters?: Record<string, string>;
  sort: CaseSort;
  after: CasePosition | null;
  limit: number;
  count?: boolean;
}

/** The filter the actor's list runs with: their account only, and custom fields they may see. */
async function scopedFilter(
  ctx: OpContext,
  actor: Actor,
  query: Pick<CaseQuery, "filter" | "fieldFilters">,
): Promise<CaseFilter> {
  const account = ownAccountOnly(actor);
  const filter: CaseFilter = {
    ...query.filter,
    ...(account === null ? {} : { accountId: account }),
    searchInternal: isOperations(actor),
  };
  if (query.fieldFilters && Object.keys(query.fieldFilters).length) {
    const definitions = await listDefinitions(ctx.db, actor.workspaceId, "case");
    const visible = definitions.filter((definition) => seesField(actor, definition));
    filter.customFields = [unwrap(fieldFilter(visible, query.fieldFilters))];
  }
  return filter;
}

/** How many of the cases the actor may see match `filter`, per status (every status, zeros included). */
export async function countCasesPerStatus(ctx: OpContext, actor: Actor, filter: CaseFilter) {
  const counts = await countCasesByStatus(
    ctx.db,
    actor.workspaceId,
    await scopedFilter(ctx, actor, { filter }),
  );
  return Object.fromEntries(STATUSES.map((status) => [status, counts.get(status) ?? 0])) as Record<
    Status,
    number
  >;
}

export async function findCases(
  ctx: OpContext,
  actor: Actor,
  query: CaseQuery,
): Promise<Page<Case, CasePosition>> {
  const filter = await scopedFilter(ctx, actor, query);
  const rows = await listCases(ctx.db, actor.workspaceId, filter, query.sort, query.after, query.limit);
  const definitions = await outsiderDefinitions(ctx, actor);
  const page = pageOf(
    rows.map((c) => redactCase(c, actor, definitions)),
    query.limit,
    (last) => ({ value: sortValue(last, query.sort.field), number: last.number }),
  );
  return withTotal(page, query.count, () => countCases(ctx.db, actor.workspaceId, filter));
}

/** A page of an id-ordered list: after which id, how many, and whether to count the whole list. */
export interface ListPage {
  afterId: number | null;
  limit: number;
  count?: boolean;
}

export async function caseTimeline(
  ctx: OpContext,
  actor: Actor,
  number: number,
  page: ListPage,
): Promise<Page<TimelineEntry, number>> {
  await loadVisibleCase(ctx.db, actor, number);
  const visible = visibleWhere(actor, "entry");
  const rows = await listEntries(ctx.db, actor.workspaceId, number, { ...page, visible });
  return withTotal(
    pageOf(rows, page.limit, (last) => last.id),
    page.count,
    () => countEntries(ctx.db, actor.workspaceId, number, visible),
  );
}

export async function caseHistory(
  ctx: OpContext,
  actor: Actor,
  number: number,
  page: ListPage,
): Promise<Page<AuditRecord, number>> {
  await loadVisibleCase(ctx.db, actor, number);
  // The audit trail names internal entries, hidden fields and the awaiting flag: it is for operations users.
  if (!can(actor, "case.history")) throw new Failure(refusal(actor, "case.history"));
  const rows = await listAudit(ctx.db, actor.workspaceId, "case", String(number), page.afterId, page.limit);
  return withTotal(
    pageOf(rows, page.limit, (last) => last.id),
    page.count,
    () => countAudit(ctx.db, actor.workspaceId, "case", String(number)),
  );
}

/** The newest `perCase` interactions of each case the actor has read, those it may see, keyed by case number. */
export async function interactionsOf(
  ctx: OpContext,
  actor: Actor,
  cases: readonly Case[],
  perCase: number,
): Promise<Map<number, TimelineEntry[]>> {
  const numbers = cases.map((c) => c.number);
  const entries = await listRecentEntries(ctx.db, actor.workspaceId, numbers, {
    visible: visibleWhere(actor, "entry"),
    perCase,
    kind: "interaction",
  });
  const byCase = new Map<number, TimelineEntry[]>(numbers.map((number) => [number, []]));
  for (const entry of entries) byCase.get(entry.caseNumber)?.push(entry);
  return byCase;
}
