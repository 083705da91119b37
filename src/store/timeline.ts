/** Timeline entry rows. */
import type { Visibility } from "../domain/policy.ts";
import type { OriginKey } from "../domain/timeline/append.ts";
import type { EntryKind, OriginAuthor, TimelineEntry } from "../domain/timeline/entry.ts";
import { countedPage } from "./condition-sql.ts";
import { boundedCount } from "./count.ts";
import type { Sql } from "./db.ts";
import { dateOrNull, idOrNull, Params } from "./rows.ts";
import { visibleSql } from "./visibility.ts";

const ENTRY_COLUMNS = `id, case_number, kind, visibility, author_type, author_id, title, body, origin_service,
  origin_service_id, origin_link_url, origin_content_type, origin_author, origin_created_at, revision,
  created_at, updated_at, deleted_at`;

function toEntry(row: Record<string, unknown>): TimelineEntry {
  return {
    id: Number(row.id),
    caseNumber: Number(row.case_number),
    kind: row.kind as TimelineEntry["kind"],
    visibility: row.visibility as TimelineEntry["visibility"],
    authorType: row.author_type as TimelineEntry["authorType"],
    authorId: idOrNull(row.author_id),
    title: (row.title as string) ?? null,
    body: row.body as string,
    origin: row.origin_service
      ? {
          service: row.origin_service as string,
          serviceId: (row.origin_service_id as string) ?? null,
          linkUrl: (row.origin_link_url as string) ?? null,
          contentType: (row.origin_content_type as string) ?? null,
          createdAt: dateOrNull(row.origin_created_at),
          author: (row.origin_author as OriginAuthor) ?? null,
        }
      : null,
    revision: Number(row.revision),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
    deletedAt: dateOrNull(row.deleted_at),
  };
}

/** The columns of a new entry as `entryRecord` gives them, for `jsonb_to_recordset`. */
export const ENTRY_RECORD = `case_number bigint, at timestamptz, kind text, visibility text, author_type text,
  author_id bigint, title text, body text, origin_service text, origin_service_id text, origin_link_url text,
  origin_content_type text, origin_author jsonb, origin_created_at timestamptz, ord integer`;

/**
 * The columns every new entry is inserted with, and their values from a record `e` of `ENTRY_RECORD`; the case's
 * number is `e.case_number` unless another expression is given.
 */
export const ENTRY_INSERT = {
  columns: `workspace_id, case_number, kind, visibility, author_type, author_id, title, body, origin_service,
    origin_service_id, origin_link_url, origin_content_type, origin_author, origin_created_at, created_at, updated_at`,
  values: (
    workspace: string,
    caseNumber = "e.case_number",
  ) => `${workspace}, ${caseNumber}, e.kind, e.visibility, e.author_type, e.author_id,
    e.title, e.body, e.origin_service, e.origin_service_id, e.origin_link_url, e.origin_content_type, e.origin_author,
    e.origin_created_at, e.at, e.at`,
};

/**
 * An entry, under the id taken for it, as one JSON record of `id bigint, ENTRY_RECORD` for `caseNumber`; `ord`
 * keeps the order given.
 */
export const entryRecord = (caseNumber: number, entry: TimelineEntry, ord: number) => ({
  id: entry.id,
  case_number: caseNumber,
  at: entry.createdAt.toISOString(),
  kind: entry.kind,
  visibility: entry.visibility,
  author_type: entry.authorType,
  author_id: entry.authorId,
  title: entry.title,
  body: entry.body,
  origin_service: entry.origin?.service ?? null,
  origin_service_id: entry.origin?.serviceId ?? null,
  origin_link_url: entry.origin?.linkUrl ?? null,
  origin_content_type: entry.origin?.contentType ?? null,
  origin_author: entry.origin?.author ?? null,
  origin_created_at: entry.origin?.createdAt?.toISOString() ?? null,
  ord,
});

export interface EntryPage {
  afterId: number | null;
  limit: number;
  /** The entries the caller may see (the access policy's condition: client and vendor users see public ones). */
  visible: Visibility<"entry">;
}

/** A case's entries within `visible`, as a WHERE condition. */
const caseEntries = (params: Params, workspaceId: number, caseNumber: number, visible: Visibility<"entry">) =>
  `workspace_id = ${params.add(workspaceId)} and case_number = ${params.add(caseNumber)}
   and ${visibleSql("entry", visible, params)}`;

export function countEntries(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  visible: Visibility<"entry">,
) {
  const params = new Params();
  return boundedCount(
    sql,
    `timeline_entries where ${caseEntries(params, workspaceId, caseNumber, visible)}`,
    params.values,
  );
}

export async function listEntries(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  page: EntryPage,
): Promise<TimelineEntry[]> {
  const params = new Params();
  const rows = await sql.query(
    `select ${ENTRY_COLUMNS} from timeline_entries
     where ${caseEntries(params, workspaceId, caseNumber, page.visible)} and id > ${params.add(page.afterId ?? 0)}
     order by id limit ${params.add(page.limit + 1)}`,
    params.values,
  );
  return rows.map(toEntry);
}

/** A page of a case's entries by position, oldest first, and how many the caller may see in all. */
export async function pageEntries(
  sql: Sql,
  workspaceId: number,
  caseNumber: number,
  page: { offset: number; limit: number; visible: Visibility<"entry"> },
): Promise<{ entries: TimelineEntry[]; total: number }> {
  const params = new Params();
  const { rows, total } = await countedPage(
    sql,
    {
      columns: ENTRY_COLUMNS,
      from: "timeline_entries",
      where: caseEntries(params, workspaceId, caseNumber, page.visible),
      order: "id",
    },
    params,
    page,
    toEntry,
  );
  return { entries: rows, total };
}

export async function findEntry(sql: Sql, workspaceId: number, id: number, lock = false) {
  const rows = await sql.query(
    `select ${ENTRY_COLUMNS} from timeline_entries where workspace_id = $1 and id = $2${lock ? " for update" : ""}`,
    [workspaceId, id],
  );
  return rows[0] ? toEntry(rows[0]) : null;
}

export async function saveEntry(sql: Sql, workspaceId: number, entry: TimelineEntry): Promise<void> {
  await sql.query(
    `update timeline_entries set title = $3, body = $4, visibility = $5, revision = $6, updated_at = $7,
       deleted_at = $8 where workspace_id = $1 and id = $2`,
    [
      workspaceId,
      entry.id,
      entry.title,
      entry.body,
      entry.visibility,
      entry.revision,
      entry.updatedAt,
      entry.deletedAt,
    ],
  );
}

/** The newest `perCase` entries of each case (of one kind, or all), oldest first within a case, in one round trip. */
export async function listRecentEntries(
  sql: Sql,
  workspaceId: number,
  caseNumbers: readonly number[],
  options: { visible: Visibility<"entry">; perCase: number; kind: EntryKind | null },
): Promise<TimelineEntry[]> {
  if (caseNumbers.length === 0) return [];
  const params = new Params();
  const rows = await sql.query(
    `select e.* from unnest(${params.add(caseNumbers)}::bigint[]) as n(number) cross join lateral (
       select ${ENTRY_COLUMNS} from timeline_entries
       where workspace_id = ${params.add(workspaceId)} and case_number = n.number
         ${options.kind ? `and kind = ${params.add(options.kind)}` : ""}
         and ${visibleSql("entry", options.visible, params)}
       order by id desc limit ${params.add(options.perCase)}) e`,
    params.values,
  );
  return rows.map(toEntry).sort((a, b) => a.caseNumber - b.caseNumber || a.id - b.id);
}

/** The newest `perCase` interactions of each case, oldest first within a case. */
export const listInteractions = (
  sql: Sql,
  workspaceId: number,
  caseNumbers: readonly number[],
  options: { visible: Visibility<"entry">; perCase: number },
) => listRecentEntries(sql, workspaceId, caseNumbers, { ...options, kind: "interaction" });

/** Serialises writers that add this interaction to a new case, until the transaction ends. */
/**
 * Locks these interactions until the transaction ends, in one order whatever the order given, so that creates
 * of overlapping conversations queue rather than deadlock.
 */
export async function lockOrigins(
  sql: Sql,
  workspaceId: number,
  origins: readonly OriginKey[],
): Promise<void> {
  const keys = [...new Set(origins.map((o) => JSON.stringify([workspaceId, o.service, o.serviceId])))].sort();
  if (keys.length === 0) return;
  await sql.query(
    `select pg_advisory_xact_lock(hashtextextended(k, 727003))
     from (select k from unnest($1::text[]) as k order by k offset 0) as ordered`,
    [keys],
  );
}

/** For each set of (distinct) interactions, the numbers of the cases that already hold every one of them. */
export async function casesHoldingOrigins(
  sql: Sql,
  workspaceId: number,
  sets: readonly (readonly OriginKey[])[],
): Promise<number[][]> {
  const items = sets.flatMap((origins, item) =>
    origins.map((origin) => ({ item, size: origins.length, origin })),
  );
  const holding = sets.map((): number[] => []);
  if (items.length === 0) return holding;
  const rows = await sql.query<{ item: number; case_number: string }>(
    `select o.item, e.case_number from timeline_entries e
     join unnest($2::int[], $3::int[], $4::text[], $5::text[]) as o(item, size, service, service_id)
       on e.origin_service = o.service and e.origin_service_id = o.service_id
     where e.workspace_id = $1
     group by o.item, e.case_number having count(*) = max(o.size) order by o.item, e.case_number`,
    [
      workspaceId,
      items.map((i) => i.item),
      items.map((i) => i.size),
      items.map((i) => i.origin.service),
      items.map((i) => i.origin.serviceId),
    ],
  );
  for (const row of rows) holding[row.item]!.push(Number(row.case_number));
  return holding;
}
