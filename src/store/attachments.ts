/** Attachment rows and their bytes, stored in chunks so no statement carries a whole large file. */
import type { Attachment } from "../domain/chats/attachment.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { type CaseRecords, findCaseRecord, pageCaseRecords } from "./case-records.ts";
import type { Sql } from "./db.ts";
import { dateOrNull, idOrNull } from "./rows.ts";

const COLUMNS = `a.id, a.case_number, a.name, a.description, a.filename, a.content_type, a.size, a.sha256, a.added_by,
  a.deleted_at, a.revision, a.created_at, a.updated_at`;

const toAttachment = (row: Record<string, unknown>): Attachment => ({
  id: Number(row.id),
  caseNumber: Number(row.case_number),
  name: row.name as string,
  description: row.description as string,
  filename: row.filename as string,
  contentType: row.content_type as string,
  size: Number(row.size),
  sha256: row.sha256 as string,
  addedBy: idOrNull(row.added_by),
  deletedAt: dateOrNull(row.deleted_at),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

const TABLE: CaseRecords<ReturnType<typeof toAttachment>> = {
  from: "case_attachments a",
  alias: "a",
  columns: COLUMNS,
  toRow: toAttachment,
};

export async function pageAttachments(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  page: Pick<ListQuery, "limit" | "offset">,
) {
  const { rows, total } = await pageCaseRecords(sql, TABLE, workspaceId, caseNumber, page);
  return { attachments: rows, total };
}

export const findAttachment = (sql: Sql, workspaceId: number, caseNumber: number, id: number, lock = false) =>
  findCaseRecord(sql, TABLE, workspaceId, caseNumber, id, lock);

export async function insertAttachment(
  sql: Sql,
  workspaceId: number,
  a: Omit<Attachment, "id">,
): Promise<Attachment> {
  const rows = await sql.query(
    `insert into case_attachments as a (workspace_id, case_number, name, description, filename, content_type, size,
       sha256, added_by, deleted_at, revision, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning ${COLUMNS}`,
    [
      workspaceId,
      a.caseNumber,
      a.name,
      a.description,
      a.filename,
      a.contentType,
      a.size,
      a.sha256,
      a.addedBy,
      a.deletedAt,
      a.revision,
      a.createdAt,
      a.updatedAt,
    ],
  );
  return toAttachment(rows[0]!);
}

export async function insertChunk(sql: Sql, workspaceId: number, id: number, seq: number, data: Buffer) {
  await sql.query(
    "insert into attachment_chunks (workspace_id, attachment_id, seq, data) values ($1, $2, $3, $4)",
    [workspaceId, id, seq, data],
  );
}

/** The bytes of chunk `seq`, or null past the last one. */
export async function readChunk(
  sql: Sql,
  workspaceId: number,
  id: number,
  seq: number,
): Promise<Buffer | null> {
  const rows = await sql.query<{ data: Uint8Array }>(
    "select data from attachment_chunks where workspace_id = $1 and attachment_id = $2 and seq = $3",
    [workspaceId, id, seq],
  );
  return rows[0] ? Buffer.from(rows[0].data) : null;
}

export async function saveAttachment(sql: Sql, workspaceId: number, a: Attachment): Promise<void> {
  await sql.query(
    `update case_attachments set name = $3, description = $4, deleted_at = $5, revision = $6, updated_at = $7
     where workspace_id = $1 and id = $2`,
    [workspaceId, a.id, a.name, a.description, a.deletedAt, a.revision, a.updatedAt],
  );
  if (a.deletedAt)
    await sql.query("delete from attachment_chunks where workspace_id = $1 and attachment_id = $2", [
      workspaceId,
      a.id,
    ]);
}
