/** Case lists by condition and offset, with the records each case names and its latest audit events. */
import type { Actor } from "../../domain/access.ts";
import type { Case } from "../../domain/cases/case.ts";
import { type CaseQuery, checkCaseQuery } from "../../domain/cases/query.ts";
import { redactCase } from "../../domain/cases/visibility.ts";
import { unwrap } from "../../domain/errors.ts";
import { isOperations, ownAccountOnly, visibleWhere } from "../../domain/policy.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { queryCases } from "../../store/case-query.ts";
import { listDefinitions } from "../../store/fields.ts";
import { type AuditEvent, latestEvents, loadRelated, type Related } from "../../store/related.ts";
import { listRecentEntries, pageEntries } from "../../store/timeline.ts";
import type { OpContext } from "../context.ts";
import { loadVisibleCase } from "./load.ts";

export interface CaseDetails {
  related: Related;
  /** Latest audit event of each action, by case number. */
  events: Map<number, Record<string, AuditEvent>>;
}

/** The cases matching `query` that the actor may see, redacted for them, and how many match in all. */
export async function queryVisibleCases(
  ctx: OpContext,
  actor: Actor,
  query: CaseQuery,
): Promise<{ cases: Case[]; total: number }> {
  unwrap(checkCaseQuery(actor, query));
  const found = await queryCases(ctx.db, actor.workspaceId, query, { accountId: ownAccountOnly(actor) });
  const definitions = isOperations(actor) ? [] : await listDefinitions(ctx.db, actor.workspaceId, "case");
  return { cases: found.cases.map((c) => redactCase(c, actor, definitions)), total: found.total };
}

/**
 * The users, accounts and queues that cases the actor has read name (with the authors of `entries` and the
 * actors of the audit events), and each case's audit events.
 */
export async function detailsOf(
  ctx: OpContext,
  actor: Actor,
  cases: readonly Case[],
  entries: readonly TimelineEntry[] = [],
): Promise<CaseDetails> {
  const events = await latestEvents(
    ctx.db,
    actor.workspaceId,
    "case",
    cases.map((c) => String(c.number)),
  );
  const actors = [...events.values()].flatMap((byAction) => Object.values(byAction).map((e) => e.actor.id));
  const related = await loadRelated(ctx.db, actor.workspaceId, {
    users: [
      ...cases.flatMap((c) => [c.assigneeId, c.reporterId]),
      ...entries.map((e) => (e.authorType === "user" ? e.authorId : null)),
      ...actors,
    ],
    accounts: cases.map((c) => c.accountId),
    queues: cases.map((c) => c.queueId),
  });
  return { related, events: new Map([...events].map(([id, byAction]) => [Number(id), byAction])) };
}

/** A page of a case's timeline, oldest first, as the actor may see it. */
export async function entriesPage(
  ctx: OpContext,
  actor: Actor,
  number: number,
  page: { offset: number; limit: number },
): Promise<{ entries: TimelineEntry[]; total: number }> {
  await loadVisibleCase(ctx.db, actor, number);
  return pageEntries(ctx.db, actor.workspaceId, number, { ...page, visible: visibleWhere(actor, "entry") });
}

/** The newest entry of each case the actor may see (a chat's last message). */
export async function lastEntries(
  ctx: OpContext,
  actor: Actor,
  cases: readonly Case[],
): Promise<Map<number, TimelineEntry>> {
  const entries = await listRecentEntries(
    ctx.db,
    actor.workspaceId,
    cases.map((c) => c.number),
    { visible: visibleWhere(actor, "entry"), perCase: 1, kind: null },
  );
  return new Map(entries.map((entry) => [entry.caseNumber, entry]));
}
