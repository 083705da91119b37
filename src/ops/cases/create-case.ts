/** Creates a case, with its opening timeline entries, in one transaction. */
import type { Actor } from "../../domain/access.ts";
import type { Case, CaseChanges } from "../../domain/cases/case.ts";
import { createdChanges, decideCreate } from "../../domain/cases/decide.ts";
import { checkWriteAccess, outsiderEntries, redactCase } from "../../domain/cases/visibility.ts";
import { unwrap } from "../../domain/errors.ts";
import { ownAccountOnly } from "../../domain/policy.ts";
import { checkEntries, type EntryInput, type TimelineEntry } from "../../domain/timeline/entry.ts";
import { insertCase } from "../../store/cases.ts";
import { recordChanges } from "../../store/changes.ts";
import { insertEntries } from "../../store/timeline.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { loadCaseRules } from "./load.ts";
import { type RequesterInput, resolveRequester } from "./requester.ts";
import { searchableValues } from "./search-text.ts";

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

export async function createCase(
  ctx: OpContext,
  actor: Actor,
  input: CreateCaseInput,
): Promise<CaseWithEntries> {
  const now = ctx.now();
  const author = { type: "user" as const, id: actor.userId };
  const { timeline, requester, requireResolution, ...fields } = input;
  const entryInputs = outsiderEntries(actor, timeline ?? []);
  const entries = unwrap(checkEntries(entryInputs, author));
  return ctx.db.transaction(async (tx) => {
    const changes: CaseChanges & { title: string } = {
      ...fields,
      reporterId: fields.reporterId ?? actor.userId,
      accountId: ownAccountOnly(actor) ?? fields.accountId ?? null,
    };
    if (fields.requesterId === undefined && requester)
      changes.requesterId = await resolveRequester(tx, actor, requester, now);
    const loaded = await loadCaseRules(tx, actor, now, caseReferences(changes));
    const rules = { ...loaded, resolutionRequired: loaded.resolutionRequired || requireResolution === true };
    if (changes.queueId === undefined) changes.queueId = rules.defaultQueueId;
    unwrap(checkWriteAccess(actor, fields, entryInputs, rules.definitions));
    const decided = unwrap(decideCreate(changes, rules));
    const bodies = (visibility: string) =>
      entries.filter((entry) => entry.visibility === visibility).map((entry) => entry.body);
    const created = await insertCase(tx, actor.workspaceId, decided, {
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
    });
    const added = await insertEntries(tx, actor.workspaceId, created.number, entries, now);
    await recordChanges(tx, [
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
    ]);
    return { case: redactCase(created, actor, rules.definitions), entries: added };
  });
}
