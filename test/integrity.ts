/** Checks that what a server acknowledged is stored, whole: each case with its timeline, audit and outbox rows. */
import assert from "node:assert/strict";
import type { Sql } from "../src/store/db.ts";
import type { Acknowledged } from "./load.ts";

/**
 * Every case has one audit record and one outbox event per revision, revisions 1..n without a gap, and at
 * least one timeline entry when it was created with one (all load cases are). Returns what is wrong.
 */
export async function halfWrittenCases(db: Sql): Promise<string[]> {
  const rows = await db.query<{
    number: number;
    revision: number;
    audits: number[];
    events: number[];
    entries: number;
  }>(
    `select c.number, c.revision,
       coalesce((select array_agg(a.revision order by a.revision) from audit_records a
         where a.workspace_id = c.workspace_id and a.subject_type = 'case' and a.subject_id = c.number::text), '{}') as audits,
       coalesce((select array_agg(o.revision order by o.revision) from outbox_events o
         where o.workspace_id = c.workspace_id and o.subject_type = 'case' and o.subject_id = c.number::text), '{}') as events,
       (select count(*) from timeline_entries e where e.workspace_id = c.workspace_id and e.case_number = c.number) as entries
     from cases c order by c.workspace_id, c.number`,
  );
  const problems: string[] = [];
  for (const row of rows) {
    const expected = Array.from({ length: row.revision }, (_, i) => i + 1);
    if (JSON.stringify(row.audits) !== JSON.stringify(expected))
      problems.push(`case ${row.number} at revision ${row.revision} has audit revisions ${row.audits}`);
    if (JSON.stringify(row.events) !== JSON.stringify(expected))
      problems.push(`case ${row.number} at revision ${row.revision} has outbox revisions ${row.events}`);
    if (Number(row.entries) < 1) problems.push(`case ${row.number} has no timeline entry`);
  }
  return problems;
}

/** Asserts over HTTP that every acknowledged create and update is there. */
export async function assertAcknowledgedStored(url: string, key: string, acknowledged: Acknowledged) {
  const headers = { authorization: `Bearer ${key}` };
  for (const [number, created] of acknowledged.creates) {
    const res = await fetch(`${url}/api/v1/cases/${number}`, { headers });
    assert.equal(res.status, 200, `acknowledged case ${number} is missing`);
    const stored = (await res.json()) as { title: string; revision: number };
    assert.equal(stored.title, created.title);
    assert.ok(stored.revision >= (acknowledged.revisions.get(number) ?? 1), `case ${number} lost an update`);
    const timeline = await fetch(`${url}/api/v1/cases/${number}/timeline`, { headers });
    const entries = ((await timeline.json()) as { data: { body: string }[] }).data;
    assert.deepEqual(
      entries.map((entry) => entry.body),
      [created.note],
    );
  }
}

/** Adds one run's acknowledgements to the running total. */
export function mergeAcknowledged(total: Acknowledged, run: Acknowledged) {
  for (const [number, created] of run.creates) total.creates.set(number, created);
  for (const [number, revision] of run.revisions)
    total.revisions.set(number, Math.max(revision, total.revisions.get(number) ?? 1));
  total.refusals.push(...run.refusals);
  total.unanswered.push(...run.unanswered);
  total.keyed.push(...run.keyed);
}
