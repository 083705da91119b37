/** Participant rows of case conversations, with how many visible entries each has not read. */
import type { Participant, ParticipantStatus } from "../domain/chats/participant.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { type CaseRecords, findCaseRecord, pageCaseRecords } from "./case-records.ts";
import type { Sql } from "./db.ts";
import { idOrNull } from "./rows.ts";

const COLUMNS = `p.id, p.case_number, p.contact_id, p.user_id, p.status, p.muted, p.last_read_entry_id, p.added_by,
  p.revision, p.created_at, p.updated_at`;

const toParticipant = (row: Record<string, unknown>): Participant => ({
  id: Number(row.id),
  caseNumber: Number(row.case_number),
  contactId: idOrNull(row.contact_id),
  userId: idOrNull(row.user_id),
  status: row.status as ParticipantStatus,
  muted: row.muted as boolean,
  lastReadEntryId: idOrNull(row.last_read_entry_id),
  addedBy: idOrNull(row.added_by),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

const TABLE: CaseRecords<ReturnType<typeof toParticipant>> = {
  from: "case_participants p",
  alias: "p",
  columns: COLUMNS,
  toRow: toParticipant,
};

/** A page of a case's participants, in the order they joined. */
export async function pageParticipants(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  page: Pick<ListQuery, "limit" | "offset">,
) {
  const { rows, total } = await pageCaseRecords(sql, TABLE, workspaceId, caseNumber, page);
  return { participants: rows, total };
}

export const findParticipant = (
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  id: number,
  lock = false,
) => findCaseRecord(sql, TABLE, workspaceId, caseNumber, id, lock);

/** The contacts already taking part in the case's conversation. */
export async function participatingContacts(sql: Sql, workspaceId: number, caseNumber: number) {
  const rows = await sql.query<{ contact_id: string }>(
    `select contact_id from case_participants
     where workspace_id = $1 and case_number = $2 and contact_id is not null`,
    [workspaceId, caseNumber],
  );
  return new Set(rows.map((row) => Number(row.contact_id)));
}

export async function insertParticipants(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  contactIds: readonly number[],
  addedBy: number,
  now: Date,
): Promise<Participant[]> {
  const rows = await sql.query(
    `insert into case_participants as p (workspace_id, case_number, contact_id, added_by, created_at, updated_at)
     select $1, $2, contact, $4, $5, $5 from unnest($3::bigint[]) with ordinality as added (contact, at)
     order by at
     returning ${COLUMNS}`,
    [workspaceId, caseNumber, contactIds, addedBy, now],
  );
  return rows.map(toParticipant).sort((a, b) => a.id - b.id);
}

export async function saveParticipant(sql: Sql, workspaceId: number, p: Participant): Promise<void> {
  await sql.query(
    `update case_participants set status = $3, muted = $4, last_read_entry_id = $5, revision = $6, updated_at = $7
     where workspace_id = $1 and id = $2`,
    [workspaceId, p.id, p.status, p.muted, p.lastReadEntryId, p.revision, p.updatedAt],
  );
}

export async function deleteParticipant(sql: Sql, workspaceId: number, id: number): Promise<void> {
  await sql.query("delete from case_participants where workspace_id = $1 and id = $2", [workspaceId, id]);
}

/**
 * How many entries of the case after each participant's last read one are there for the reader (internal
 * ones only when `withInternal`; deleted ones never).
 */
export async function unreadCounts(
  sql: Sql,
  workspaceId: number,
  participants: readonly Participant[],
  withInternal: boolean,
): Promise<Map<number, number>> {
  if (participants.length === 0) return new Map();
  const rows = await sql.query<{ id: string; unread: string }>(
    `select p.id, (select count(*) from timeline_entries e
       where e.workspace_id = p.workspace_id and e.case_number = p.case_number and e.deleted_at is null
         and e.id > coalesce(p.last_read_entry_id, 0) and ($3 or e.visibility = 'public')) as unread
     from case_participants p where p.workspace_id = $1 and p.id = any($2::bigint[])`,
    [workspaceId, participants.map((p) => p.id), withInternal],
  );
  return new Map(rows.map((row) => [Number(row.id), Number(row.unread)]));
}
