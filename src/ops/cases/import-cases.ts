/** Bulk import: many cases with their timelines, validated like creates, written through COPY. */
import type { Actor } from "../../domain/access.ts";
import type { CaseChanges } from "../../domain/cases/case.ts";
import { type CaseRules, decideCreate } from "../../domain/cases/decide.ts";
import { Failure, type FieldError, type FieldPath, invalid, unwrap } from "../../domain/errors.ts";
import { can, refusal } from "../../domain/policy.ts";
import { checkEntries, type EntryInput, type NewEntry } from "../../domain/timeline/entry.ts";
import {
  type CopyBatch,
  copyCases,
  formatBatch,
  type ImportedCase,
  searchDocuments,
  settleImportedCases,
} from "../../store/case-import.ts";
import { recordChanges } from "../../store/changes.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { loadCaseRules } from "./load.ts";

/** What an imported case may carry: a create without references, plus when it was created. */
export interface ImportCaseInput
  extends Pick<
    CaseChanges,
    "description" | "status" | "priority" | "type" | "resolution" | "solveReason" | "customFields" | "tags"
  > {
  title: string;
  /** Defaults to now; the case's updatedAt is the same. */
  createdAt?: Date;
  timeline?: EntryInput[];
}

export interface ImportResult {
  cases: number;
  entries: number;
  /** The numbers the imported cases got, or null when there were none. */
  first: number | null;
  last: number | null;
}

export const IMPORT_BATCH = 10_000;

/** An interaction already in the case's list (same service and id) is kept once, as on every write. */
function withoutRepeatedInteractions(entries: NewEntry[]): NewEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (!entry.origin?.serviceId) return true;
    const key = `${entry.origin.service}\u0000${entry.origin.serviceId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Imports every case of `input` in one transaction: all or nothing. Each case is decided by the same
 * domain rules as a create (the reporter is the actor, the queue the default one); the first invalid
 * case fails the import with errors named `cases.<index>.<field>`. One audit record and one outbox
 * event (`workspace.imported`) are written per batch, not per case.
 */
export async function importCases(
  ctx: OpContext,
  actor: Actor,
  input: Iterable<ImportCaseInput> | AsyncIterable<ImportCaseInput>,
  options: { batchSize?: number } = {},
): Promise<ImportResult> {
  if (!can(actor, "case.import")) throw new Failure(refusal(actor, "case.import"));
  const batchSize = options.batchSize ?? IMPORT_BATCH;
  const now = ctx.now();
  const result = await ctx.db.transaction(async (tx) => {
    const rules = await loadCaseRules(tx, actor, now);
    const result: ImportResult = { cases: 0, entries: 0, first: null, last: null };
    const write = async (batch: CopyBatch) => {
      const { first, last } = await copyCases(tx, actor.workspaceId, batch);
      const entries = batch.entries.length;
      result.first ??= first;
      result.last = last;
      result.cases += batch.size;
      result.entries += entries;
      const summary = { first, last, count: batch.size, entries };
      await recordChanges(tx, [
        change(
          actorOf(actor),
          actor.workspaceId,
          { type: "workspace", id: actor.workspaceId, revision: null },
          "imported",
          [{ field: "cases", before: null, after: summary }],
          now,
          summary,
        ),
      ]);
    };
    // The database writes one batch while the next is decided and formatted here, its search documents computed
    // on another connection where there is one: the work overlaps on separate cores, and the import's own
    // connection only reserves numbers and copies rows.
    const documents = ctx.db.concurrent ? ctx.db : tx;
    const format = async (cases: ImportedCase[]) =>
      formatBatch(
        cases,
        await searchDocuments(
          documents,
          cases.map((item) => item.search),
        ),
      );
    let writing: Promise<void> = Promise.resolve();
    let batch: ImportedCase[] = [];
    let index = 0;
    try {
      for await (const item of input) {
        batch.push(decideImported(item, index, actor, rules, now));
        index += 1;
        if (batch.length >= batchSize) {
          // One connection runs one statement at a time: there the documents wait for the write.
          if (documents === tx) await writing;
          const formatted = await format(batch);
          await writing;
          writing = write(formatted);
          writing.catch(() => {});
          batch = [];
        }
        // Lets the pending batch's I/O progress while this loop decides the next one.
        if (index % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await writing;
      if (batch.length) await write(await format(batch));
    } catch (error) {
      await writing.catch(() => {});
      throw error;
    }
    return result;
  });
  if (result.cases > 0) await settleImportedCases(ctx.db);
  return result;
}

/** Decides one imported case like a create; errors are named `cases.<index>.<field>`. */
function decideImported(
  item: ImportCaseInput,
  index: number,
  actor: Actor,
  rules: CaseRules & { defaultQueueId: number | null },
  now: Date,
): ImportedCase {
  const at = ["cases", index];
  const createdAt = item.createdAt ?? now;
  const errors: FieldError[] = [];
  if (Number.isNaN(createdAt.getTime()) || createdAt > now)
    errors.push({ path: [...at, "createdAt"], message: "must be a date-time that is not in the future" });
  const { timeline, createdAt: _, ...fields } = item;
  const decided = decideCreate(
    { ...fields, reporterId: actor.userId, queueId: rules.defaultQueueId },
    { ...rules, now: createdAt },
  );
  if (!decided.ok) errors.push(...prefixed(decided.error.fields, at));
  const entries = checkEntries(timeline ?? [], { type: "user", id: actor.userId }, [...at, "timeline"]);
  if (!entries.ok) errors.push(...(entries.error.fields ?? []));
  if (errors.length || !decided.ok || !entries.ok) return unwrap(invalid(errors));
  const kept = withoutRepeatedInteractions(entries.value);
  const bodies = (visibility: string) =>
    kept.filter((entry) => entry.visibility === visibility).map((entry) => entry.body);
  return {
    case: decided.value,
    entries: kept,
    search: {
      public: [decided.value.title, decided.value.description, ...bodies("public")].join(" "),
      internal: bodies("internal").join(" "),
    },
  };
}

const prefixed = (fields: readonly FieldError[] | undefined, at: FieldPath): FieldError[] =>
  (fields ?? []).map((error) => ({ ...error, path: [...at, ...error.path] }));
