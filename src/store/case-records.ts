/** What the rows kept per case (participants, links, attachments) share: a page of a case's rows, one by id. */
import type { ListQuery } from "../domain/query/condition.ts";
import { countedPage } from "./condition-sql.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";

/** A table of rows keyed by workspace and id and belonging to a case, read through `toRow`. */
export interface CaseRecords<T> {
  /** The table and its alias, as the columns name it (`case_links l`): the store's own text. */
  from: string;
  alias: string;
  columns: string;
  toRow: (row: Record<string, unknown>) => T;
}

/** A page of a case's rows, oldest first, with how many there are. */
export async function pageCaseRecords<T>(
  sql: Sql,
  table: CaseRecords<T>,
  workspaceId: number,
  caseNumber: number,
  page: Pick<ListQuery, "limit" | "offset">,
): Promise<{ rows: T[]; total: number }> {
  const params = new Params();
  const a = table.alias;
  const where = `${a}.workspace_id = ${params.add(workspaceId)} and ${a}.case_number = ${params.add(caseNumber)}`;
  return countedPage(
    sql,
    { columns: table.columns, from: table.from, where, order: `${a}.id` },
    params,
    page,
    table.toRow,
  );
}

/** One row of the case by id, locked for update when asked; null when the case has no such row. */
export async function findCaseRecord<T>(
  sql: Sql,
  table: CaseRecords<T>,
  workspaceId: number,
  caseNumber: number,
  id: number,
  lock = false,
): Promise<T | null> {
  const a = table.alias;
  const rows = await sql.query(
    `select ${table.columns} from ${table.from}
     where ${a}.workspace_id = $1 and ${a}.case_number = $2 and ${a}.id = $3${lock ? " for update" : ""}`,
    [workspaceId, caseNumber, id],
  );
  return rows[0] ? table.toRow(rows[0]) : null;
}
