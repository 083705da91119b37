/** Writing a batch of prepared creates of one workspace: a few multi-row statements, whatever the batch's size. */
import type { Case } from "../../domain/cases/case.ts";
import { insertCreatedCases } from "../../store/case-create.ts";
import { findCasesByNumbers } from "../../store/cases.ts";
import type { Sql } from "../../store/db.ts";
import { claimKeys, storeResponses } from "../../store/idempotency.ts";
import { casesHoldingOrigins, lockOrigins } from "../../store/timeline.ts";
import type { CaseWithEntries, PreparedCreate } from "./create-case.ts";

/** A case made by a create, or found: the case an earlier create of the same interactions made. */
export type Made = CaseWithEntries & { existed: boolean };

/**
 * What became of one create of a batch: made (with what its `answer` gave, read in the batch's transaction),
 * or not attempted because its Idempotency-Key was already claimed by a request that has committed.
 */
export type CreateOutcome = { made: Made; answer: unknown } | { keyTaken: true };

/**
 * Writes the creates in `tx`, in the order given: first their Idempotency-Keys are claimed and their
 * interactions locked (in key order, before the counter, so batches of several processes queue rather than
 * deadlock); a create whose interactions an earlier create already filed is that case, and writes nothing;
 * then the cases (the counter advanced once), their entries, every audit record and event; then each answer
 * is read and each claimed key's response stored. All of them must be of one workspace, and no two may share
 * a key or an interaction (the batch keeps those apart: see `group-commit.ts`).
 */
export async function writeCreates(tx: Sql, creates: readonly PreparedCreate[]): Promise<CreateOutcome[]> {
  const workspaceId = creates[0]!.workspaceId;
  const claims = creates.flatMap((create) => (create.claim ? [create.claim] : []));
  const claimed = claims.length ? await claimKeys(tx, workspaceId, claims, creates[0]!.now) : new Set();
  const taken = creates.map((create) => create.claim !== undefined && !claimed.has(create.claim.key));
  const found = await earlierCreates(
    tx,
    workspaceId,
    creates.map((create, i) => (taken[i] ? undefined : create)),
  );
  const toWrite = creates.filter((_, i) => !taken[i] && !found[i]);
  const written = toWrite.length ? await writeCases(tx, toWrite) : [];
  const outcomes: CreateOutcome[] = [];
  for (const [i, create] of creates.entries()) {
    if (taken[i]) {
      outcomes.push({ keyTaken: true });
      continue;
    }
    const earlier = found[i];
    const made: Made = earlier
      ? { ...create.result(earlier, []), existed: true }
      : { ...written.shift()!, existed: false };
    outcomes.push({ made, answer: create.answer ? await create.answer(tx, made) : undefined });
  }
  const responses = creates.flatMap((create, i) => {
    const outcome = outcomes[i]!;
    return create.claim && "made" in outcome ? [{ key: create.claim.key, response: outcome.answer }] : [];
  });
  if (responses.length) await storeResponses(tx, workspaceId, responses);
  return outcomes;
}

/**
 * For each create that is filed once per conversation, the case an earlier create of the same interactions
 * made, if the create is a retry of it (see `createCaseOnce`). The interactions stay locked until commit.
 */
async function earlierCreates(
  tx: Sql,
  workspaceId: number,
  creates: readonly (PreparedCreate | undefined)[],
): Promise<(Case | undefined)[]> {
  const sets = creates.map((create) => create?.once?.origins ?? []);
  if (sets.every((origins) => origins.length === 0)) return creates.map(() => undefined);
  await lockOrigins(tx, workspaceId, sets.flat());
  const holding = await casesHoldingOrigins(tx, workspaceId, sets);
  const numbers = [...new Set(holding.flat())];
  const cases = new Map(
    (numbers.length ? await findCasesByNumbers(tx, workspaceId, numbers) : []).map((c) => [c.number, c]),
  );
  return creates.map((create, i) =>
    holding[i]!.map((number) => cases.get(number)).find((c) => c && create?.once?.isRetryOf(c)),
  );
}

/** The cases, numbered in the order given, with their entries, audit records and events: one statement. */
async function writeCases(tx: Sql, creates: readonly PreparedCreate[]): Promise<CaseWithEntries[]> {
  const workspaceId = creates[0]!.workspaceId;
  const cases = await insertCreatedCases(
    tx,
    workspaceId,
    creates.map((create) => ({
      ...create.row,
      entries: create.entries,
      record: create.record({ ...create.row.case, workspaceId, number: 0 }, create.entries),
    })),
  );
  return creates.map((create, i) => {
    const created = cases[i]!;
    return create.result(
      created,
      create.entries.map((entry) => ({ ...entry, caseNumber: created.number })),
    );
  });
}
