/** Loading a case the actor may see, and the workspace rules a case decision needs. */
import type { Actor } from "../../domain/access.ts";
import type { Case } from "../../domain/cases/case.ts";
import type { CaseRules } from "../../domain/cases/decide.ts";
import { missing } from "../../domain/missing.ts";
import { can, canSee, visibleWhere } from "../../domain/policy.ts";
import {
  type CaseTarget,
  type CaseTargetQuery,
  type CaseWriteContext,
  loadCaseChangeContext,
  loadCaseWriteContext,
} from "../../store/case-context.ts";
import { findCase } from "../../store/cases.ts";
import type { Sql } from "../../store/db.ts";
import type { ReferableRecords, References } from "../../store/references.ts";
import { findEntry } from "../../store/timeline.ts";
import type { CreateReads } from "./create-reads.ts";

/** Client and vendor users see only their own account's cases (the workspace is the query's own). */
export const isVisibleTo = (actor: Actor, c: Case): boolean =>
  canSee(actor, { type: "case", accountId: c.accountId });

/** Another workspace's case, or one outside a client's own account, is simply not there. */
export async function loadVisibleCase(sql: Sql, actor: Actor, number: number, lock = false): Promise<Case> {
  return visibleOrMissing(actor, await findCase(sql, actor.workspaceId, number, { lock }));
}

export function visibleOrMissing(actor: Actor, found: Case | null): Case {
  if (!found || !isVisibleTo(actor, found)) throw missing("case");
  return found;
}

/**
 * What a case write may refer to: the cases, queues, contacts and accounts the actor may see (another account's
 * are "does not exist" for it). Users are left to the assignee rules, which decide who may work a case.
 */
export const referableBy = (actor: Actor): ReferableRecords => ({
  case: visibleWhere(actor, "case"),
  queue: visibleWhere(actor, "queue"),
  contact: visibleWhere(actor, "contact"),
  account: visibleWhere(actor, "account"),
});

/** An entry of another case, or one the actor may not see, is not there. `lock` holds it for an edit. */
export async function loadVisibleEntry(
  sql: Sql,
  actor: Actor,
  number: number,
  entryId: number,
  lock = false,
) {
  const entry = await findEntry(sql, actor.workspaceId, entryId, lock);
  if (
    !entry ||
    entry.caseNumber !== number ||
    !canSee(actor, { type: "entry", visibility: entry.visibility })
  )
    throw missing("entry");
  return entry;
}

/**
 * The rules a case write is decided by, with which of `refs` dangle, the default queue and `entryIds` fresh
 * timeline entry ids (for the entries of a create), in one query.
 */
export async function loadCaseRules(
  sql: Sql,
  actor: Actor,
  now: Date,
  refs: References = {},
  entryIds = 0,
): Promise<CaseRules & { defaultQueueId: number | null; entryIds: number[] }> {
  const context = await loadCaseWriteContext(
    sql,
    actor.workspaceId,
    refs,
    referableBy(actor),
    refs.assigneeId?.id,
    entryIds,
  );
  return rulesWithEntryIds(actor, now, context);
}

/**
 * `loadCaseRules` for a create outside a transaction: read in one query with the other creates of the workspace
 * that ask at the same time (see `create-reads.ts`).
 */
export async function loadCreateRules(
  reads: CreateReads,
  actor: Actor,
  now: Date,
  refs: References,
  entryIds: number,
): Promise<CaseRules & { defaultQueueId: number | null; entryIds: number[] }> {
  const context = await reads.context(actor.workspaceId, referableBy(actor), {
    refs,
    assigneeId: refs.assigneeId?.id,
    entryIds,
  });
  return rulesWithEntryIds(actor, now, context);
}

function rulesWithEntryIds(
  actor: Actor,
  now: Date,
  context: (CaseWriteContext & { entryIds: number[] }) | null,
) {
  if (!context) throw missing("workspace");
  return { ...rulesOf(actor, now, context), entryIds: context.entryIds };
}

/**
 * The case a change is about (one the actor may see) with the rules the change is decided by and what else
 * deciding it needs (`CaseTargetQuery`), in one query.
 */
export async function loadCaseForChange(
  sql: Sql,
  actor: Actor,
  now: Date,
  refs: References,
  target: CaseTargetQuery,
): Promise<{ current: Case; rules: CaseRules } & Omit<CaseTarget, "case">> {
  const context = await loadCaseChangeContext(
    sql,
    actor.workspaceId,
    refs,
    referableBy(actor),
    refs.assigneeId?.id,
    target,
  );
  if (!context) throw missing("workspace");
  const { case: found, ancestorOfParent, heldOrigins, entryIds } = context;
  return {
    current: visibleOrMissing(actor, found),
    rules: rulesOf(actor, now, context),
    ancestorOfParent,
    heldOrigins,
    entryIds,
  };
}

const rulesOf = (actor: Actor, now: Date, context: CaseWriteContext) => ({
  now,
  resolutionRequired: context.resolutionRequired,
  definitions: context.definitions,
  mayWriteReadonly: can(actor, "field.readonly"),
  unknownReferences: context.missing,
  disabledQueueIds: context.disabledQueueIds,
  defaultQueueId: context.defaultQueueId,
  assignee: context.assignee,
});
