/** Creates a case, with its opening timeline entries: decided first, then written with its workspace's batch. */
import type { Actor } from "../../domain/access.ts";
import type { ChangeRecord } from "../../domain/audit/record.ts";
import type { Case, CaseChanges } from "../../domain/cases/case.ts";
import { createdChanges, decideCreate } from "../../domain/cases/decide.ts";
import { checkWriteAccess, outsiderEntries, redactCase } from "../../domain/cases/visibility.ts";
import { unwrap } from "../../domain/errors.ts";
import { ownAccountOnly } from "../../domain/policy.ts";
import type { NewEntry } from "../../domain/timeline/entry.ts";
import { checkEntries, type EntryInput, type TimelineEntry } from "../../domain/timeline/entry.ts";
import type { NewCase } from "../../store/cases.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { loadCaseRules } from "./load.ts";
import { type RequesterInput, resolveRequester } from "./requester.ts";
import { searchableValues } from "./search-text.ts";
import { writeCreates } from "./write-creates.ts";

export interface CreateCaseInput extends CaseChanges {
  title: string;
  timeline?: EntryInput[];
  /** Find-or-create the requester by email when no requesterId is given. */
  requester?: RequesterInput;
  /** The caller's contract always needs a resolution to resolve, whatever the workspace requires. */
  requireResolution?: boolean;
}

export interface CaseWithEntries {
  case: Case;
  entries: TimelineEntry[];
}

export const caseReferences = (c: CaseChanges) => ({
  parentNumber: { kind: "case" as const, id: c.parentNumber },
  queueId: { kind: "queue" as const, id: c.queueId },
  assigneeId: { kind: "user" as const, id: c.assigneeId },
  reporterId: { kind: "user" as const, id: c.reporterId },
  requesterId: { kind: "contact" as const, id: c.requesterId },
  accountId: { kind: "account" as const, id: c.accountId },
});

/** A create decided and checked, ready to be written with others of its workspace. */
export interface PreparedCreate {
  workspaceId: number;
  row: NewCase;
  entries: NewEntry[];
  now: Date;
  /** The audit record and event of the case once it has its number and its entries their ids. */
  record: (created: Case, added: TimelineEntry[]) => ChangeRecord;
  /** What the caller is given back: the case as the actor may see it. */
  result: (created: Case, added: TimelineEntry[]) => CaseWithEntries;
}

/**
 * Everything a create does before it writes: the requester found or made, references and rules read, access
 * checked and the case decided. A bad create fails here, before it joins any batch.
 */
export async function prepareCreate(
  ctx: OpContext,
  actor: Actor,
  input: CreateCaseInput,
): Promise<PreparedCreate> {
  const now = ctx.now();
  const author = { type: "user" as const, id: actor.userId };
  const { timeline, requester, requireResolution, ...fields } = input;
  const entryInputs = outsiderEntries(actor, timeline ?? []);
  const entries = unwrap(checkEntries(entryInputs, author));
  const changes: CaseChanges & { title: string } = {
    ...fields,
    reporterId: fields.reporterId ?? actor.userId,
    accountId: ownAccountOnly(actor) ?? fields.accountId ?? null,
  };
  if (fields.requesterId === undefined && requester)
    changes.requesterId = await resolveRequester(ctx.db, actor, requester, now);
  const loaded = await loadCaseRules(ctx.db, actor, now, caseReferences(changes));
  const rules = { ...loaded, resolutionRequired: loaded.resolutionRequired || requireResolution === true };
  if (changes.queueId === undefined) changes.queueId = rules.defaultQueueId;
  unwrap(checkWriteAccess(actor, fields, entryInputs, rules.definitions));
  const decided = unwrap(decideCreate(changes, rules));
  const bodies = (visibility: string) =>
    entries.filter((entry) => entry.visibility === visibility).map((entry) => entry.body);
  const searchText = {
    public: [
      decided.title,
      decided.description,
      ...searchableValues(decided.customFields, rules.definitions, "public"),
      ...bodies("public"),
    ].join(" "),
    internal: [
      ...searchableValues(decided.customFields, rules.definitions, "internal"),
      ...bodies("internal"),
    ].join(" "),
  };
  return {
    workspaceId: actor.workspaceId,
    row: { case: decided, searchText },
    entries,
    now,
    record: (created, added) =>
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "case", id: created.number, revision: created.revision },
        "created",
        [
          ...createdChanges(created),
          ...(added.length ? [{ field: "timeline", before: null, after: added.map((e) => e.id) }] : []),
        ],
        now,
        created,
        added,
      ),
    result: (created, added) => ({ case: redactCase(created, actor, rules.definitions), entries: added }),
  };
}

/**
 * Creates a case with its opening entries, audit record and event. Outside a transaction it joins this
 * process's batch of its workspace (group commit) and returns once that batch has committed. Inside a
 * transaction, or when it must first make its requester (a write that a failed create rolls back), it is
 * decided and written in that one transaction.
 */
export async function createCase(
  ctx: OpContext,
  actor: Actor,
  input: CreateCaseInput,
): Promise<CaseWithEntries> {
  const makesRequester = input.requesterId === undefined && input.requester !== undefined;
  if (ctx.creates && !ctx.db.inTransaction && !makesRequester)
    return ctx.creates.submit(await prepareCreate(ctx, actor, input));
  return ctx.db.transaction(async (tx) => {
    const [written] = await writeCreates(tx, [await prepareCreate({ ...ctx, db: tx }, actor, input)]);
    return written!;
  });
}
