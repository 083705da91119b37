/** Case rows: insert with the next per-workspace number, load, save, and delete trees. */
import type { Case, Priority } from "../domain/cases/case.ts";
import { PRIORITIES } from "../domain/cases/case.ts";
import type { Sql } from "./db.ts";
import { dateOrNull, idOrNull } from "./rows.ts";

export const priorityRank = (priority: Priority): number => PRIORITIES.indexOf(priority) + 1;

export const CASE_COLUMNS = `workspace_id, number, title, description, status, priority, type, parent_number,
  queue_id, assignee_id, reporter_id, requester_id, account_id, resolution, solve_reason, awaiting, query_prompt,
  custom_fields, tags, revision, created_at, updated_at, resolved_at, closed_at, trashed_at`;

/** The same columns qualified with the alias `c`, for joins. */
export const CASE_COLUMNS_OF_C = CASE_COLUMNS.split(",")
  .map((column) => `c.${column.trim()}`)
  .join(", ");

export function toCase(row: Record<string, unknown>): Case {
  return {
    workspaceId: Number(row.workspace_id),
    number: Number(row.number),
    title: row.title as string,
    description: row.description as string,
    status: row.status as Case["status"],
    priority: PRIORITIES[Number(row.priority) - 1] ?? "normal",
    type: (row.type as Case["type"]) ?? null,
    parentNumber: idOrNull(row.parent_number),
    queueId: idOrNull(row.queue_id),
    assigneeId: idOrNull(row.assignee_id),
    reporterId: idOrNull(row.reporter_id),
    requesterId: idOrNull(row.requester_id),
    accountId: idOrNull(row.account_id),
    resolution: (row.resolution as string) ?? null,
    solveReason: (row.solve_reason as string) ?? null,
    awaiting: Boolean(row.awaiting),
    queryPrompt: (row.query_prompt as string) ?? null,
    customFields: (row.custom_fields as Record<string, unknown>) ?? {},
    tags: (row.tags as string[]) ?? [],
    revision: Number(row.revision),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
    resolvedAt: dateOrNull(row.resolved_at),
    closedAt: dateOrNull(row.closed_at),
    trashedAt: dateOrNull(row.trashed_at),
  };
}

/** The values of every writable column, in the order of `WRITABLE`. */
export function writableValues(c: Omit<Case, "workspaceId" | "number">): unknown[] {
  return [
    c.title,
    c.description,
    c.status,
    priorityRank(c.priority),
    c.type,
    c.parentNumber,
    c.queueId,
    c.assigneeId,
    c.reporterId,
    c.requesterId,
    c.accountId,
    c.resolution,
    c.solveReason,
    c.awaiting,
    c.queryPrompt,
    JSON.stringify(c.customFields),
    c.tags,
    c.revision,
    c.createdAt,
    c.updatedAt,
    c.resolvedAt,
    c.closedAt,
    c.trashedAt,
  ];
}

export const WRITABLE = `title, description, status, priority, type, parent_number, queue_id, assignee_id, reporter_id,
  requester_id, account_id, resolution, solve_reason, awaiting, query_prompt, custom_fields, tags, revision,
  created_at, updated_at, resolved_at, closed_at, trashed_at`;

export interface NewCase {
  case: Omit<Case, "workspaceId" | "number">;
  searchText: { public: string; internal: string };
}

export async function findCase(
  sql: Sql,
  workspaceId: number,
  number: number,
  options: { lock?: boolean } = {},
): Promise<Case | null> {
  const rows = await sql.query(
    `select ${CASE_COLUMNS} from cases where workspace_id = $1 and number = $2${options.lock ? " for update" : ""}`,
    [workspaceId, number],
  );
  return rows[0] ? toCase(rows[0]) : null;
}

/** The cases of `numbers` that exist, in one query (concurrent reads of one workspace share it). */
export async function findCasesByNumbers(
  sql: Sql,
  workspaceId: number,
  numbers: readonly number[],
): Promise<Case[]> {
  const rows = await sql.query(
    `select ${CASE_COLUMNS} from cases where workspace_id = $1 and number = any($2::bigint[])`,
    [workspaceId, numbers],
  );
  return rows.map(toCase);
}

/** Saves a decided case; the revision guard makes a lost update impossible even without a lock. */
export async function saveCase(sql: Sql, next: Case, previousRevision: number): Promise<void> {
  const values = writableValues(next);
  const assignments = WRITABLE.split(",")
    .map((column, i) => `${column.trim()} = $${i + 4}`)
    .join(", ");
  const rows = await sql.query(
    `update cases set ${assignments} where workspace_id = $1 and number = $2 and revision = $3 returning number`,
    [next.workspaceId, next.number, previousRevision, ...values],
  );
  if (rows.length !== 1) throw new Error(`case ${next.number} changed underneath a locked update`);
}

/** The text of the values in the jsonb `values` whose keys the text[] `keys` lists. */
const fieldText = (values: string, keys: string) =>
  `coalesce((select string_agg(f.value, ' ') from jsonb_each_text(${values}) f where f.key = any(${keys}::text[])), '')`;

/** The text of entries (rows with visibility and body), public and internal apart, as `searchDocumentAssignments` reads it. */
export const ENTRY_TEXT = `string_agg(body, ' ') filter (where visibility = 'public') as public_text,
  string_agg(body, ' ') filter (where visibility = 'internal') as internal_text`;

/**
 * The assignments that rebuild a case's full-text documents: title, description, the values of the `searchable`
 * custom fields and public entries; internal entries apart. `b` is the case's `ENTRY_TEXT`; the fields are SQL
 * expressions (its columns, or the values an update writes), `keys` text[] parameters.
 */
export const searchDocumentAssignments = (
  fields: { title: string; description: string; customFields: string },
  keys: { public: string; internal: string },
) => `search_document = to_tsvector('simple', ${fields.title} || ' ' || ${fields.description} || ' ' ||
    ${fieldText(fields.customFields, keys.public)} || ' ' || coalesce(b.public_text, '')),
  internal_search_document = to_tsvector('simple', ${fieldText(fields.customFields, keys.internal)} || ' ' ||
    coalesce(b.internal_text, ''))`;

/** Rebuilds the full-text documents (`searchDocumentAssignments`) from what the case holds. */
export async function refreshSearchDocument(
  sql: Sql,
  workspaceId: number,
  number: number,
  searchableFields: { public: readonly string[]; internal: readonly string[] } = { public: [], internal: [] },
): Promise<void> {
  await sql.query(
    `with bodies as (select ${ENTRY_TEXT} from timeline_entries where workspace_id = $1 and case_number = $2)
     update cases c set
       ${searchDocumentAssignments(
         { title: "c.title", description: "c.description", customFields: "c.custom_fields" },
         { public: "$3", internal: "$4" },
       )}
     from bodies b
     where c.workspace_id = $1 and c.number = $2`,
    [workspaceId, number, searchableFields.public, searchableFields.internal],
  );
}

/** The case and all its subcases, deepest first, locked for the change. */
export async function lockCaseTree(sql: Sql, workspaceId: number, number: number): Promise<Case[]> {
  const rows = await sql.query(
    `with recursive tree(number, depth) as (
       select $2::bigint, 0
       union all
       select c.number, tree.depth + 1 from cases c join tree on c.parent_number = tree.number
       where c.workspace_id = $1)
     select ${CASE_COLUMNS_OF_C}
     from cases c join tree using (number)
     where c.workspace_id = $1 order by tree.depth desc, c.number
     for update of c`,
    [workspaceId, number],
  );
  return rows.map(toCase);
}

export async function deleteCases(sql: Sql, workspaceId: number, numbers: number[]): Promise<void> {
  await sql.query("delete from cases where workspace_id = $1 and number = any($2::bigint[])", [
    workspaceId,
    numbers,
  ]);
}

/** Resolved cases whose close delay has passed, locked, skipping rows another server holds. */
export async function lockCasesDueToClose(sql: Sql, now: Date, limit: number): Promise<Case[]> {
  const rows = await sql.query(
    `select ${CASE_COLUMNS_OF_C}
     from cases c join workspaces w on w.id = c.workspace_id
     where c.status = 'resolved' and w.close_delay_seconds > 0
       and c.resolved_at <= $1::timestamptz - make_interval(secs => w.close_delay_seconds)
     order by c.resolved_at limit $2
     for update of c skip locked`,
    [now, limit],
  );
  return rows.map(toCase);
}
