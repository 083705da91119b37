/** Answer rows: forms filled in inside case conversations. */
import type { Answer, AnswerStatus } from "../domain/forms/answer.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { type CaseRecords, findCaseRecord, pageCaseRecords } from "./case-records.ts";
import type { Sql } from "./db.ts";
import { idOrNull } from "./rows.ts";

const COLUMNS = `a.id, a.case_number, a.form_id, a.name, a.status, a.field_values, a.added_by, a.revision,
  a.created_at, a.updated_at`;

const toAnswer = (row: Record<string, unknown>): Answer => ({
  id: Number(row.id),
  caseNumber: Number(row.case_number),
  formId: Number(row.form_id),
  name: row.name as string,
  status: row.status as AnswerStatus,
  values: row.field_values as Answer["values"],
  addedBy: idOrNull(row.added_by),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

const TABLE: CaseRecords<ReturnType<typeof toAnswer>> = {
  from: "case_answers a",
  alias: "a",
  columns: COLUMNS,
  toRow: toAnswer,
};

/** A page of a case's answers, oldest first. */
export async function pageAnswers(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  page: Pick<ListQuery, "limit" | "offset">,
) {
  const { rows, total } = await pageCaseRecords(sql, TABLE, workspaceId, caseNumber, page);
  return { answers: rows, total };
}

export const findAnswer = (sql: Sql, workspaceId: number, caseNumber: number, id: number, lock = false) =>
  findCaseRecord(sql, TABLE, workspaceId, caseNumber, id, lock);

export async function insertAnswer(sql: Sql, workspaceId: number, a: Omit<Answer, "id">): Promise<Answer> {
  const rows = await sql.query(
    `insert into case_answers as a (workspace_id, case_number, form_id, name, status, field_values, added_by,
       revision, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${COLUMNS}`,
    [
      workspaceId,
      a.caseNumber,
      a.formId,
      a.name,
      a.status,
      JSON.stringify(a.values),
      a.addedBy,
      a.revision,
      a.createdAt,
      a.updatedAt,
    ],
  );
  return toAnswer(rows[0]!);
}

export async function saveAnswer(sql: Sql, workspaceId: number, a: Answer): Promise<void> {
  await sql.query(
    `update case_answers set name = $3, status = $4, field_values = $5, revision = $6, updated_at = $7
     where workspace_id = $1 and id = $2`,
    [workspaceId, a.id, a.name, a.status, JSON.stringify(a.values), a.revision, a.updatedAt],
  );
}

export async function deleteAnswer(sql: Sql, workspaceId: number, id: number): Promise<void> {
  await sql.query("delete from case_answers where workspace_id = $1 and id = $2", [workspaceId, id]);
}
