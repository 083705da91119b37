/**
 * A batch of created cases written as one statement: the cases under the workspace's next numbers, their opening
 * entries, and the audit record and event of each. A single statement is atomic by itself.
 */
import type { ChangeRecord } from "../domain/audit/record.ts";
import type { Case } from "../domain/cases/case.ts";
import type { TimelineEntry } from "../domain/timeline/entry.ts";
import { CASE_COLUMNS, type NewCase, toCase, WRITABLE, writableValues } from "./cases.ts";
import { changeInserts } from "./changes.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";
import { ENTRY_INSERT, ENTRY_RECORD, entryRecord } from "./timeline.ts";

/** A case to create, with what the statement writes beside it, prepared before its number is known. */
export interface CaseToCreate extends NewCase {
  /** Its opening entries, under the ids taken for them; their case number is taken in the statement. */
  entries: readonly TimelineEntry[];
  /** Its audit record and event; their subject and the event's case number are taken in the statement. */
  record: ChangeRecord;
}

const NEW_CASE_RECORD = `title text, description text, status text, priority smallint, type text,
  parent_number bigint, queue_id bigint, assignee_id bigint, reporter_id bigint, requester_id bigint, account_id bigint,
  resolution text, solve_reason text, awaiting boolean, query_prompt text, custom_fields jsonb, tags text[],
  revision integer, created_at timestamptz, updated_at timestamptz, resolved_at timestamptz, closed_at timestamptz,
  trashed_at timestamptz, search_public text, search_internal text, ord integer`;

/**
 * Inserts the cases under the workspace's next numbers, in the order given, with their entries, audit records
 * and events, in one statement: the counter is advanced once by their count, so numbers stay gapless. Its row
 * stays locked until the statement's transaction commits, which serialises the writers of one workspace
 * (across processes too).
 */
export async function insertCreatedCases(
  sql: Sql,
  workspaceId: number,
  cases: readonly CaseToCreate[],
): Promise<Case[]> {
  const params = new Params();
  const ws = params.add(workspaceId);
  const count = params.add(cases.length);
  const columns = WRITABLE.split(",").map((column) => column.trim());
  const caseRecords = cases.map(({ case: c, searchText }, ord) => {
    const values = writableValues(c);
    const record: Record<string, unknown> = {
      ord,
      search_public: searchText.public,
      search_internal: searchText.internal,
    };
    columns.forEach((column, i) => {
      record[column] = values[i] instanceof Date ? (values[i] as Date).toISOString() : values[i];
    });
    record.custom_fields = c.customFields;
    return record;
  });
  // Each entry's case_number is its case's place in the batch until the statement numbers the cases.
  const entryRecords = cases
    .flatMap(({ entries }, place) => entries.map((entry) => ({ place, entry })))
    .map(({ place, entry }, ord) => entryRecord(place, entry, ord));
  const numberOf = (place: number) => `(select base from counter) + ${place + 1}`;
  const { audit, events } = changeInserts(
    params,
    cases.map((c) => c.record),
    { caseNumber: numberOf },
  );
  const queries = [
    `counter as (
       insert into case_counters as cc (workspace_id, last_number) values (${ws}, ${count}::bigint)
       on conflict (workspace_id) do update set last_number = cc.last_number + ${count}::bigint
       returning last_number - ${count}::bigint as base)`,
    `new_cases as (insert into cases (workspace_id, number, ${WRITABLE}, search_document, internal_search_document)
       select ${ws}, counter.base + r.ord + 1, ${columns.map((column) => `r.${column}`).join(", ")},
         to_tsvector('simple', r.search_public), to_tsvector('simple', r.search_internal)
       from counter, jsonb_to_recordset(${params.add(JSON.stringify(caseRecords))}::jsonb) as r(${NEW_CASE_RECORD})
       order by r.ord
       returning ${CASE_COLUMNS})`,
  ];
  if (entryRecords.length)
    queries.push(`new_entries as (insert into timeline_entries (id, ${ENTRY_INSERT.columns}) overriding system value
       select e.id, ${ENTRY_INSERT.values(ws, "counter.base + e.case_number + 1")}
       from counter, jsonb_to_recordset(${params.add(JSON.stringify(entryRecords))}::jsonb) as e(id bigint, ${ENTRY_RECORD})
       order by e.ord)`);
  queries.push(`audit as (${audit})`, `events as (${events})`);
  const rows = await sql.query(`with ${queries.join(",\n")} select * from new_cases`, params.values);
  return rows.map(toCase).sort((a, b) => a.number - b.number);
}
