/** Writing a batch of prepared creates of one workspace: a few multi-row statements, whatever the batch's size. */
import type { Case } from "../../domain/cases/case.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { insertCases } from "../../store/cases.ts";
import { recordChanges } from "../../store/changes.ts";
import type { Sql } from "../../store/db.ts";
import { insertEntriesOfCases } from "../../store/timeline.ts";
import type { CaseWithEntries, PreparedCreate } from "./create-case.ts";

/**
 * Writes the creates in `tx`, numbered in the order given: the cases (and the counter, once), their entries,
 * then every audit record and event. All of them must be of one workspace.
 */
export async function writeCreates(tx: Sql, creates: readonly PreparedCreate[]): Promise<CaseWithEntries[]> {
  const workspaceId = creates[0]!.workspaceId;
  const cases = await insertCases(
    tx,
    workspaceId,
    creates.map((create) => create.row),
  );
  const entries = await insertEntriesOfCases(
    tx,
    workspaceId,
    creates.map((create, i) => ({ caseNumber: cases[i]!.number, entries: create.entries, now: create.now })),
  );
  const added = new Map<number, TimelineEntry[]>();
  for (const entry of entries) added.set(entry.caseNumber, [...(added.get(entry.caseNumber) ?? []), entry]);
  const entriesOf = (c: Case) => added.get(c.number) ?? [];
  await recordChanges(
    tx,
    creates.map((create, i) => create.record(cases[i]!, entriesOf(cases[i]!))),
  );
  return creates.map((create, i) => create.result(cases[i]!, entriesOf(cases[i]!)));
}
