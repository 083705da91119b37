/**
 * One decided change of a case written as one statement: the case row at its next revision, the entries it adds,
 * its full-text documents, its audit record and its event. A single statement is atomic without a transaction.
 */
import type { ChangeRecord } from "../domain/audit/record.ts";
import type { Case } from "../domain/cases/case.ts";
import type { TimelineEntry } from "../domain/timeline/entry.ts";
import { ENTRY_TEXT, searchDocumentAssignments, WRITABLE, writableValues } from "./cases.ts";
import { changeInserts } from "./changes.ts";
import { refusedByConstraint, type Sql } from "./db.ts";
import { Params } from "./rows.ts";
import { ENTRY_INSERT, ENTRY_RECORD, entryRecord } from "./timeline.ts";

export interface CaseChange {
  next: Case;
  /** The revision the change was decided on: the statement writes only while the case is still at it. */
  decidedOn: number;
  /** Entries to add, under the ids taken for them (`loadCaseChangeContext`). */
  entries: readonly TimelineEntry[];
  /** The searchable custom fields of each document, when the change rewrites them; null keeps them. */
  searchableFields: { public: readonly string[]; internal: readonly string[] } | null;
  record: ChangeRecord;
}

/**
 * Writes the change; false when the case is no longer at `decidedOn`, and then nothing is written: the case row
 * is updated only at that revision, and the entries, audit record and event only with it. A writer that came
 * first moved the revision (an interaction it added, too, so this one is not added twice). Outside a
 * transaction, a refusal over a constraint (a record the decision referred to, deleted since: a foreign key)
 * also answers false, for the caller to decide again on what is there now; inside one, the decision's read
 * holds those records until the end, and a refusal fails the transaction.
 */
export async function writeCaseChange(sql: Sql, change: CaseChange): Promise<boolean> {
  const params = new Params();
  const { next } = change;
  const ws = params.add(next.workspaceId);
  const number = params.add(next.number);
  const decidedOn = params.add(change.decidedOn);
  const values = writableValues(next).map((value) => params.add(value));
  const columns = WRITABLE.split(",").map((column) => column.trim());
  const assignments = columns.map((column, i) => `${column} = ${values[i]}`);
  const written = (column: string) => values[columns.indexOf(column)]!;
  const entries = change.entries.length
    ? params.add(JSON.stringify(change.entries.map((entry, ord) => entryRecord(next.number, entry, ord))))
    : null;
  const queries: string[] = [];
  if (entries)
    queries.push(
      `new_entries as (select * from jsonb_to_recordset(${entries}::jsonb) as e(id bigint, ${ENTRY_RECORD}))`,
    );
  if (change.searchableFields) {
    queries.push(`bodies as (select ${ENTRY_TEXT} from (
        select visibility, body from timeline_entries where workspace_id = ${ws} and case_number = ${number}
        ${entries ? "union all select visibility, body from new_entries" : ""}) t)`);
    assignments.push(
      searchDocumentAssignments(
        {
          title: `${written("title")}::text`,
          description: `${written("description")}::text`,
          customFields: `${written("custom_fields")}::jsonb`,
        },
        {
          public: params.add(change.searchableFields.public),
          internal: params.add(change.searchableFields.internal),
        },
      ),
    );
  }
  queries.push(`saved as (update cases c set ${assignments.join(", ")} ${change.searchableFields ? "from bodies b" : ""}
     where c.workspace_id = ${ws} and c.number = ${number} and c.revision = ${decidedOn} returning c.number)`);
  if (entries)
    queries.push(`added as (insert into timeline_entries (id, ${ENTRY_INSERT.columns}) overriding system value
       select e.id, ${ENTRY_INSERT.values(ws)} from saved cross join new_entries e order by e.ord)`);
  const { audit, events } = changeInserts(params, [change.record], { onlyAfter: "saved" });
  queries.push(`audit as (${audit})`, `events as (${events})`);
  try {
    const rows = await sql.query(`with ${queries.join(",\n")} select number from saved`, params.values);
    return rows.length === 1;
  } catch (error) {
    if (!sql.inTransaction && refusedByConstraint(error)) return false;
    throw error;
  }
}
