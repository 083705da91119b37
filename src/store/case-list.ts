/** The case list query: filters, sort and keyset pagination, each served by an index. */
import type { Case } from "../domain/cases/case.ts";
import type { CaseFilter, CasePosition, CaseSort, SortField } from "../domain/cases/list-query.ts";
import type { Status } from "../domain/cases/status.ts";
import { like, personClauses } from "./case-matches.ts";
import { CASE_COLUMNS, priorityRank, toCase } from "./cases.ts";
import { boundedCount, type Total } from "./count.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";

const SORT_COLUMNS: Record<SortField, string> = {
  number: "number",
  createdAt: "created_at",
  updatedAt: "updated_at",
  priority: "priority",
};

/** The ORDER BY of a sort; the number breaks ties, so the order is total. */
export const orderBy = (sort: CaseSort) =>
  sort.field === "number"
    ? `number ${sort.direction}`
    : `${SORT_COLUMNS[sort.field]} ${sort.direction}, number ${sort.direction}`;

/** The sort value of a case, as stored in a cursor. */
export function sortValue(c: Case, field: SortField): string | number {
  if (field === "number") return c.number;
  if (field === "priority") return priorityRank(c.priority);
  return (field === "createdAt" ? c.createdAt : c.updatedAt).toISOString();
}

export function whereClauses(workspaceId: number, filter: CaseFilter, params: Params): string[] {
  const where = [`workspace_id = ${params.add(workspaceId)}`];
  where.push(filter.trashed ? "trashed_at is not null" : "trashed_at is null");
  if (filter.status?.length) where.push(`status = any(${params.add(filter.status)}::text[])`);
  if (filter.priority?.length)
    where.push(`priority = any(${params.add(filter.priority.map(priorityRank))}::smallint[])`);
  if (filter.type?.length) where.push(`type = any(${params.add(filter.type)}::text[])`);
  if (filter.queueId?.length) where.push(`queue_id = any(${params.add(filter.queueId)}::bigint[])`);
  if (filter.assigneeId?.length) {
    const ids = filter.assigneeId.filter((id) => id !== null);
    const parts = ids.length ? [`assignee_id = any(${params.add(ids)}::bigint[])`] : [];
    if (filter.assigneeId.includes(null)) parts.push("assignee_id is null");
    where.push(`(${parts.join(" or ")})`);
  }
  if (filter.requesterId?.length)
    where.push(`requester_id = any(${params.add(filter.requesterId)}::bigint[])`);
  if (filter.accountId !== undefined) where.push(`account_id = ${params.add(filter.accountId)}`);
  if (filter.parentNumber !== undefined) where.push(`parent_number = ${params.add(filter.parentNumber)}`);
  if (filter.tags?.length) where.push(`tags @> ${params.add(filter.tags)}::text[]`);
  if (filter.createdAfter) where.push(`created_at >= ${params.add(filter.createdAfter)}`);
  if (filter.createdBefore) where.push(`created_at < ${params.add(filter.createdBefore)}`);
  if (filter.updatedAfter) where.push(`updated_at >= ${params.add(filter.updatedAfter)}`);
  if (filter.updatedBefore) where.push(`updated_at < ${params.add(filter.updatedBefore)}`);
  if (filter.numbers) where.push(`number = any(${params.add(filter.numbers)}::bigint[])`);
  if (filter.titleContains) where.push(`title ilike ${params.add(like(filter.titleContains))}`);
  if (filter.descriptionContains)
    where.push(`description ilike ${params.add(like(filter.descriptionContains))}`);
  if (filter.hasRequester !== undefined)
    where.push(filter.hasRequester ? "requester_id is not null" : "requester_id is null");
  for (const values of filter.customFields ?? [])
    where.push(`custom_fields @> ${params.add(JSON.stringify(values))}::jsonb`);
  where.push(...personClauses(filter, params));
  if (filter.q) {
    const query = `websearch_to_tsquery('simple', ${params.add(filter.q)})`;
    where.push(
      filter.searchInternal
        ? `(search_document @@ ${query} or internal_search_document @@ ${query})`
        : `search_document @@ ${query}`,
    );
  }
  return where;
}

/** Word and tag matches up to this many are read through their GIN index first (see `pageOfFewMatches`). */
const FEW_MATCHES = 1000;

/**
 * Words, tags and custom field values are matched through GIN indexes, which cannot return rows in a list's order. When few
 * cases match, reading them all through the index and sorting them is fastest; when many match, walking
 * the sort order's index finds a page at once. The planner guesses which from statistics and guesses
 * wrong for phrases and rare combinations (walking a million rows to find none). So the store asks: it
 * reads up to FEW_MATCHES + 1 matches (number and sort value) through the GIN indexes alone (`bitmapQuery`). With no more than FEW_MATCHES, it returns the numbers of
 * the page's rows, in order; with more, null, and the list walks the sort order's index as usual.
 */
async function pageOfFewMatches(
  sql: Sql,
  where: string[],
  params: Params,
  sort: CaseSort,
  size: number,
): Promise<number[] | null> {
  const rows = await sql.bitmapQuery<{ number: number; sort_value: unknown }>(
    `select number, ${SORT_COLUMNS[sort.field]} as sort_value from cases where ${where.join(" and ")}
     limit ${FEW_MATCHES + 1}`,
    params.values,
  );
  if (rows.length > FEW_MATCHES) return null;
  const key = (value: unknown) => (typeof value === "number" ? value : new Date(value as string).getTime());
  const sign = sort.direction === "asc" ? 1 : -1;
  return rows
    .map((row) => ({ value: key(row.sort_value), number: Number(row.number) }))
    .sort((a, b) => sign * (a.value - b.value || a.number - b.number))
    .slice(0, size)
    .map((row) => row.number);
}

/**
 * With both tags and statuses, the condition that the case has every tag paired with one of the statuses
 * (`cases_status_tags`, migration 065). It repeats the tag and status conditions, so it only adds an index:
 * a combination no case has is answered from one empty posting list. Used where the GIN indexes are read,
 * not in walks, which would compute the pairs of every case they pass.
 */
function statusTagPairs(filter: CaseFilter, params: Params): string[] {
  if (!filter.status?.length || !filter.tags?.length) return [];
  const tags = params.add(filter.tags);
  const pairs = filter.status.map(
    (status) => `case_status_tags(status, tags) @> case_status_tags(${params.add(status)}, ${tags}::text[])`,
  );
  return [`(${pairs.join(" or ")})`];
}

/** How many cases, in the list's order, a word or tag search looks at before asking the GIN index. */
const RECENT_WINDOW = 1_000;

/** One page of cases; asks for one row more than `limit` so the caller knows whether more follow. */
export async function listCases(
  sql: Sql,
  workspaceId: number,
  filter: CaseFilter,
  sort: CaseSort,
  after: CasePosition | null,
  limit: number,
): Promise<Case[]> {
  const params = new Params();
  const [workspace, trash, ...filters] = whereClauses(workspaceId, filter, params);
  const walk = [workspace!, trash!];
  const column = SORT_COLUMNS[sort.field];
  const op = sort.direction === "asc" ? ">" : "<";
  if (after) {
    if (sort.field === "number") walk.push(`number ${op} ${params.add(after.number)}`);
    else {
      const cast = sort.field === "priority" ? "smallint" : "timestamptz";
      walk.push(
        `(${column}, number) ${op} (${params.add(after.value)}::${cast}, ${params.add(after.number)})`,
      );
    }
  }
  const order = orderBy(sort);
  // A whole number checked by the caller; written into the text so every statement here uses all its parameters.
  const size = String(Math.trunc(limit) + 1);
  const where = [...walk, ...filters];
  if (filter.q || filter.tags?.length || filter.customFields?.length) {
    // Most searches find a page among the cases next in the list's order: look there first, in a bounded walk.
    const recent = await sql.query(
      `select ${CASE_COLUMNS} from (select * from cases where ${walk.join(" and ")} order by ${order}
         limit ${RECENT_WINDOW}) recent
       where ${filters.join(" and ")} order by ${order} limit ${size}`,
      params.values,
    );
    if (recent.length === limit + 1) return recent.map(toCase);
    // Its own parameters: the statements before and after this one must not carry the pairs' unused ones.
    const matching = new Params();
    matching.values.push(...params.values);
    const pairs = statusTagPairs(filter, matching);
    const page = await pageOfFewMatches(sql, [...where, ...pairs], matching, sort, limit + 1);
    if (page?.length === 0) return [];
    if (page) where.push(`number = any(${params.add(page)}::bigint[])`);
  }
  const rows = await sql.query(
    `select ${CASE_COLUMNS} from cases where ${where.join(" and ")} order by ${order} limit ${size}`,
    params.values,
  );
  return rows.map(toCase);
}

/** How many cases match `filter` in each status (the status filter and free text aside). */
export async function countCasesByStatus(
  sql: Sql,
  workspaceId: number,
  filter: CaseFilter,
): Promise<Map<Status, number>> {
  const params = new Params();
  const where = whereClauses(workspaceId, { ...filter, status: undefined, q: undefined }, params);
  const rows = await sql.query<{ status: Status; count: string | number }>(
    `select status, count(*) as count from cases where ${where.join(" and ")} group by status`,
    params.values,
  );
  return new Map(rows.map((row) => [row.status, Number(row.count)]));
}

/** How many cases the filter matches (see `boundedCount`). */
export async function countCases(sql: Sql, workspaceId: number, filter: CaseFilter): Promise<Total> {
  const params = new Params();
  const where = whereClauses(workspaceId, filter, params);
  return boundedCount(sql, `cases where ${where.join(" and ")}`, params.values);
}
