/** Creates a case, with its opening timeline entries: decided first, then written with its workspace's batch. */
import type { Actor } from "../../domain/access.ts";
import type { ChangeRecord } from "../../domain/audit/record.ts";
import type { Case, CaseChanges } from "../../domain/cases/case.ts";
import { createdChanges, decideCreate } from "../../domain/cases/decide.ts";
import { isRetriedCreate } from "../../domain/cases/retry.ts";
import { checkWriteAccess, outsiderEntries, redactCase } from "../../domain/cases/visibility.ts";
import { unwrap } from "../../domain/errors.ts";
import { ownAccountOnly } from "../../domain/policy.ts";
import type { OriginKey } from "../../domain/timeline/append.ts";
import { appendedEntry, entriesToAppend } from "../../domain/timeline/append.ts";
import { checkEntries, type EntryInput, type TimelineEntry } from "../../domain/timeline/entry.ts";
import type { NewCase } from "../../store/cases.ts";
import { refusedByConstraint, type Sql } from "../../store/db.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { type IdempotencyKey, KeyTaken } from "../idempotent.ts";
import { isVisibleTo, loadCaseRules, loadCreateRules } from "./load.ts";
import { type RequesterInput, resolveRequester } from "./requester.ts";
import { searchableValues } from "./search-text.ts";
import { type CreateOutcome, type Made, writeCreates } from "./write-creates.ts";

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
  /** Its opening entries, under the ids taken for them; their case number is 0 until the case has one. */
  entries: TimelineEntry[];
  now: Date;
  /** The audit record and event of the case (written before its number is known: see `insertCreatedCases`). */
  record: (created: Case, added: TimelineEntry[]) => ChangeRecord;
  /** What the caller is given back: the case as the actor may see it. */
  result: (created: Case, added: TimelineEntry[]) => CaseWithEntries;
  /** The Idempotency-Key the create claims in its transaction; its answer is stored as the key's response. */
  claim?: IdempotencyKey;
  /** A create filed once per conversation: its interactions, and whether a case holding them is its retry. */
  once?: { origins: OriginKey[]; isRetryOf: (existing: Case) => boolean };
  /** What the caller answers, read in the create's transaction, before it commits. */
  answer?: (tx: Sql, made: Made) => Promise<unknown>;
}

/** Reads what a caller answers about the case it made (or found), inside the create's transaction. */
export type Answer<R> = (scoped: OpContext, made: Made) => Promise<R>;

export interface CreateOptions<R> {
  /**
   * File the case once per conversation: when an earlier create of the same interactions, requester and title
   * made a case the actor can see, that case is the answer (`existed`) and nothing is written.
   */
  once?: boolean;
  answer?: Answer<R>;
}

/** The distinct interactions of a create, in one order. */
function originsOf(input: CreateCaseInput): OriginKey[] {
  const seen = new Map<string, OriginKey>();
  for (const entry of input.timeline ?? [])
    if (entry.origin?.serviceId)
      seen.set(JSON.stringify([entry.origin.service, entry.origin.serviceId]), {
        service: entry.origin.service,
        serviceId: entry.origin.serviceId,
      });
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, origin]) => origin);
}

/**
 * Everything a create does before it writes: the requester found or made, references and rules read, access
 * checked and the case decided. A bad create fails here, before it joins any batch.
 */
export async function prepareCreate<R>(
  ctx: OpContext,
  actor: Actor,
  input: CreateCaseInput,
  options: CreateOptions<R> = {},
): Promise<PreparedCreate> {
  const now = ctx.now();
  const { answer } = options;
  const origins = options.once ? originsOf(input) : [];
  const isRetryOf = (existing: Case) => isVisibleTo(actor, existing) && isRetriedCreate(existing, input);
  const author = { type: "user" as const, id: actor.userId };
  const { timeline, requester, requireResolution, ...fields } = input;
  const entryInputs = outsiderEntries(actor, timeline ?? []);
  // An interaction sent twice in one create is recorded once.
  const entries = entriesToAppend(unwrap(checkEntries(entryInputs, author)), []);
  const changes: CaseChanges & { title: string } = {
    ...fields,
    reporterId: fields.reporterId ?? actor.userId,
    accountId: ownAccountOnly(actor) ?? fields.accountId ?? null,
  };
  if (fields.requesterId === undefined && requester)
    changes.requesterId = await resolveRequester(ctx.db, actor, requester, now);
  const refs = caseReferences(changes);
  const loaded =
    ctx.createReads && !ctx.db.inTransaction
      ? await loadCreateRules(ctx.createReads, actor, now, refs, entries.length)
      : await loadCaseRules(ctx.db, actor, now, refs, entries.length);
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
    entries: entries.map((entry, i) => appendedEntry(entry, loaded.entryIds[i]!, 0, now)),
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
    ...(ctx.idempotencyKey ? { claim: ctx.idempotencyKey } : {}),
    ...(origins.length ? { once: { origins, isRetryOf } } : {}),
    ...(answer ? { answer: (tx: Sql, made: Made) => answer({ ...ctx, db: tx }, made) } : {}),
  };
}

/**
 * Creates a case with its opening entries, audit record and event, and reads the caller's answer in the same
 * transaction. Outside a transaction it joins this process's batch of its workspace (group commit) and returns
 * once that batch has committed. Inside a transaction, or when it must first make its requester (a write that a
 * refused create rolls back), it is decided and written alone in one transaction. A create of a request with an
 * Idempotency-Key (`ctx.idempotencyKey`) claims the key with its case and stores its answer as the response;
 * when another request holds the key, it writes nothing and throws `KeyTaken`.
 */
export async function createAndAnswer<R>(
  ctx: OpContext,
  actor: Actor,
  input: CreateCaseInput,
  options: CreateOptions<R> = {},
): Promise<{ made: Made; answer: R }> {
  const makesRequester = input.requesterId === undefined && input.requester !== undefined;
  const made = (outcome: CreateOutcome) => {
    if ("keyTaken" in outcome) throw new KeyTaken();
    return { made: outcome.made, answer: outcome.answer as R };
  };
  if (ctx.creates && !ctx.db.inTransaction && !makesRequester)
    try {
      return made(await ctx.creates.submit(await prepareCreate(ctx, actor, input, options)));
    } catch (error) {
      // A record it refers to was deleted after it was checked: decided again alone, below, where the checks
      // lock what they find until the create commits, so it is refused as any unknown reference is.
      if (!refusedByConstraint(error)) throw error;
    }
  // Thrown inside the transaction, KeyTaken also rolls back the requester this create made.
  return ctx.db.transaction(async (tx) =>
    made((await writeCreates(tx, [await prepareCreate({ ...ctx, db: tx }, actor, input, options)]))[0]!),
  );
}

export async function createCase(
  ctx: OpContext,
  actor: Actor,
  input: CreateCaseInput,
): Promise<CaseWithEntries> {
  const { made } = await createAndAnswer(ctx, actor, input);
  return { case: made.case, entries: made.entries };
}

/** Creates the case unless an earlier create of the same interactions made it (see `CreateOptions.once`). */
export async function createCaseOnce(ctx: OpContext, actor: Actor, input: CreateCaseInput): Promise<Made> {
  return (await createAndAnswer(ctx, actor, input, { once: true })).made;
}
