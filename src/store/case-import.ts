/** Bulk import of cases with their timeline entries through COPY: numbers reserved per batch. */
import type { Case } from "../domain/cases/case.ts";
import type { NewEntry } from "../domain/timeline/entry.ts";
import { WRITABLE, writableValues } from "./cases.ts";
import { copyText } from "./copy-text.ts";
import type { Sql } from "./db.ts";

export interface ImportedCase {
  case: Omit<Case, "workspaceId" | "number">;
  entries: NewEntry[];
  search: { public: string; internal: string };
}

const WRITABLE_COLUMNS = WRITABLE.split(",").map((column) => column.trim());

const ENTRY_COLUMNS = [
  "workspace_id",
  "case_number",
  "kind",
  "visibility",
  "author_type",
  "author_id",
  "title",
  "body",
  "origin_service",
  "origin_service_id",
  "origin_link_url",
  "origin_content_type",
  "origin_author",
  "origin_created_at",
  "created_at",
  "updated_at",
];

/**
 * Writes a batch in the caller's transaction: reserves its numbers on the workspace counter (locked
 * until commit, so numbers stay gapless), copies the cases into a staging table from which they are
 * inserted with their search documents, and copies the entries straight into the timeline.
 */
export async function copyCases(
  sql: Sql,
  workspaceId: number,
  batch: readonly ImportedCase[],
): Promise<{ first: number; last: number }> {
  const [counter] = await sql.query<{ last_number: number }>(
    `insert into case_counters as cc (workspace_id, last_number) values ($1, $2)
     on conflict (workspace_id) do update set last_number = cc.last_number + $2 returning last_number`,
    [workspaceId, batch.length],
  );
  const last = Number(counter!.last_number);
  const first = last - batch.length + 1;
  await sql.query(
    `create temp table if not exists case_import on commit drop as
       select number, ${WRITABLE}, ''::text as public_text, ''::text as internal_text from cases limit 0`,
  );
  await sql.copyFrom(
    "case_import",
    ["number", ...WRITABLE_COLUMNS, "public_text", "internal_text"],
    copyText(
      batch.map((item, i) => [
        first + i,
        ...writableValues(item.case),
        item.search.public,
        item.search.internal,
      ]),
    ),
  );
  await sql.query(
    `insert into cases (workspace_id, number, ${WRITABLE}, search_document, internal_search_document)
     select $1, number, ${WRITABLE}, to_tsvector('simple', public_text), to_tsvector('simple', internal_text)
     from case_import`,
    [workspaceId],
  );
  await sql.query("truncate case_import");
  await sql.copyFrom(
    "timeline_entries",
    ENTRY_COLUMNS,
    copyText(
      batch.flatMap((item, i) =>
        item.entries.map((e) => [
          workspaceId,
          first + i,
          e.kind,
          e.visibility,
          e.authorType,
          e.authorId,
          e.title,
          e.body,
          e.origin?.service,
          e.origin?.serviceId,
          e.origin?.linkUrl,
          e.origin?.contentType,
          e.origin?.author,
          e.origin?.createdAt,
          item.case.createdAt,
          item.case.createdAt,
        ]),
      ),
    ),
  );
  return { first, last };
}

/** Refreshes the planner's statistics after a bulk load, so the next queries use the indexes. */
export async function analyzeCases(sql: Sql): Promise<void> {
  await sql.query("analyze cases");
  await sql.query("analyze timeline_entries");
}
