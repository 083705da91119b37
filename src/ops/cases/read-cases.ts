/** Reading cases: one case, a filtered page of cases, a case's timeline and its history. */
import type { Actor } from "../../domain/access.ts";
import type { Case } from "../../domain/cases/case.ts";
import { redactCase } from "../../domain/cases/visibility.ts";
import { Failure } from "../../domain/errors.ts";
import { can, isOperations, ownAccountOnly, refusal } from "../../domain/policy.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import {
  type CaseFilter,
  type CasePosition,
  type CaseSort,
  listCases,
  sortValue,
} from "../../store/case-list.ts";
import { type AuditRecord, listAudit } from "../../store/changes.ts";
import { listDefinitions } from "../../store/fields.ts";
import { listEntries, listInteractions } from "../../store/timeline.ts";
import type { OpContext } from "../context.ts";
import { loadVisibleCase } from "./load.ts";

export interface Page<T, P> {
  items: T[];
  /** Where the next page starts, or null on the last page. */
  next: P | null;
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

export async function getCase(ctx: OpContext, actor: Actor, number: number): Promise<Case> {
  const found = await loadVisibleCase(ctx.db, actor, number);
  return redactCase(found, actor, await outsiderDefinitions(ctx, actor));
}

export async function findCases(
  ctx: OpContext,
  actor: Actor,
  query: { filter: CaseFilter; sort: CaseSort; after: CasePosition | null; limit: number },
): Promise<Page<Case, CasePosition>> {
  const account = ownAccountOnly(actor);
  const filter: CaseFilter = {
    ...query.filter,
    ...(account === null ? {} : { accountId: account }),
    searchInternal: isOperations(actor),
  };
  const rows = await listCases(ctx.db, actor.workspaceId, filter, query.sort, query.after, query.limit);
  const definitions = await outsiderDefinitions(ctx, actor);
  return pageOf(
    rows.map((c) => redactCase(c, actor, definitions)),
    query.limit,
    (last) => ({ value: sortValue(last, query.sort.field), number: last.number }),
  );
}

export async function caseTimeline(
  ctx: OpContext,
  actor: Actor,
  number: number,
  page: { afterId: number | null; limit: number },
): Promise<Page<TimelineEntry, number>> {
  await loadVisibleCase(ctx.db, actor, number);
  const rows = await listEntries(ctx.db, actor.workspaceId, number, {
    ...page,
    publicOnly: !isOperations(actor),
  });
  return pageOf(rows, page.limit, (last) => last.id);
}

export async function caseHistory(
  ctx: OpContext,
  actor: Actor,
  number: number,
  page: { afterId: number | null; limit: number },
): Promise<Page<AuditRecord, number>> {
  await loadVisibleCase(ctx.db, actor, number);
  // The audit trail names internal entries, hidden fields and the awaiting flag: it is for operations users.
  if (!can(actor, "case.history")) throw new Failure(refusal(actor, "case.history"));
  const rows = await listAudit(ctx.db, actor.workspaceId, "case", String(number), page.afterId, page.limit);
  return pageOf(rows, page.limit, (last) => last.id);
}

/** The newest `perCase` interactions of each case the actor has read, those it may see, keyed by case number. */
export async function interactionsOf(
  ctx: OpContext,
  actor: Actor,
  cases: readonly Case[],
  perCase: number,
): Promise<Map<number, TimelineEntry[]>> {
  const numbers = cases.map((c) => c.number);
  const entries = await listInteractions(ctx.db, actor.workspaceId, numbers, {
    publicOnly: !isOperations(actor),
    perCase,
  });
  const byCase = new Map<number, TimelineEntry[]>(numbers.map((number) => [number, []]));
  for (const entry of entries) byCase.get(entry.caseNumber)?.push(entry);
  return byCase;
}
