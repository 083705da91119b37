/** Link rows of case conversations. */
import type { Link } from "../domain/chats/link.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { type CaseRecords, findCaseRecord, pageCaseRecords } from "./case-records.ts";
import type { Sql } from "./db.ts";
import { dateOrNull, idOrNull } from "./rows.ts";

const COLUMNS = `l.id, l.case_number, l.entry_id, l.uri, l.name, l.added_by, l.deleted_at, l.revision, l.created_at,
  l.updated_at`;

const toLink = (row: Record<string, unknown>): Link => ({
  id: Number(row.id),
  caseNumber: Number(row.case_number),
  entryId: idOrNull(row.entry_id),
  uri: row.uri as string,
  name: row.name as string,
  addedBy: idOrNull(row.added_by),
  deletedAt: dateOrNull(row.deleted_at),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

const TABLE: CaseRecords<ReturnType<typeof toLink>> = {
  from: "case_links l",
  alias: "l",
  columns: COLUMNS,
  toRow: toLink,
};

/** A page of a case's links, oldest first. */
export async function pageLinks(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  page: Pick<ListQuery, "limit" | "offset">,
) {
  const { rows, total } = await pageCaseRecords(sql, TABLE, workspaceId, caseNumber, page);
  return { links: rows, total };
}

export const findLink = (sql: Sql, workspaceId: number, caseNumber: number, id: number, lock = false) =>
  findCaseRecord(sql, TABLE, workspaceId, caseNumber, id, lock);

export async function insertLink(sql: Sql, workspaceId: number, link: Omit<Link, "id">): Promise<Link> {
  const rows = await sql.query(
    `insert into case_links as l (workspace_id, case_number, entry_id, uri, name, added_by, deleted_at, revision,
       created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${COLUMNS}`,
    [
      workspaceId,
      link.caseNumber,
      link.entryId,
      link.uri,
      link.name,
      link.addedBy,
      link.deletedAt,
      link.revision,
      link.createdAt,
      link.updatedAt,
    ],
  );
  return toLink(rows[0]!);
}

export async function saveLink(sql: Sql, workspaceId: number, link: Link): Promise<void> {
  await sql.query(
    `update case_links set entry_id = $3, uri = $4, name = $5, deleted_at = $6, revision = $7, updated_at = $8
     where workspace_id = $1 and id = $2`,
    [workspaceId, link.id, link.entryId, link.uri, link.name, link.deletedAt, link.revision, link.updatedAt],
  );
}
