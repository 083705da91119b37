/** Bulk import of cases with their timeline entries through COPY: numbers reserved per batch. */
import type { Case } from "../domain/cases/case.ts";
import type { NewEntry } from "../domain/timeline/entry.ts";
import { WRITABLE, writableValues } from "./cases.ts";
import { copyFields } from "./copy-text.ts";
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
 * The search documents of cases (`to_tsvector`, the same words as a create), as tsvector text to copy. They
 * depend on nothing stored, so they can be computed on another connection while the import's own writes
 * the previous batch: the import's connection then only copies them in.
 */
export async function searchDocuments(
  sql: Sql,
  texts: readonly ImportedCase["search"][],
): Promise<{ public: string; internal: string }[]> {
  return sql.query<{ public: string; internal: string }>(
    `select to_tsvector('simple', t.public)::text as public, to_tsvector('simple', t.internal)::text as internal
     from unnest($1::text[], $2::text[]) with ordinality as t (public, internal, n) order by t.n`,
    [texts.map((text) => text.public), texts.map((text) => text.internal)],
  );
}

/**
 * A batch formatted for COPY before it is written, so the database never waits on the formatting: each line
 * lacks only what the write adds, the workspace and the case numbers (reserved then).
 */
export interface CopyBatch {
  size: number;
  /** Per case, its COPY line after the workspace and number. */
  cases: string[];
  /** Per entry, the index of its case in the batch and its COPY line after the workspace and case number. */
  entries: { of: number; line: string }[];
}

export function formatBatch(
  batch: readonly ImportedCase[],
  documents: readonly { public: string; internal: string }[],
): CopyBatch {
  return {
    size: batch.length,
    cases: batch.map((item, i) =>
      copyFields([...writableValues(item.case), documents[i]!.public, documents[i]!.internal]),
    ),
    entries: batch.flatMap((item, of) =>
      item.entries.map((e) => ({
        of,
        line: copyFields([
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
      })),
    ),
  };
}

/**
 * Writes a batch in the caller's transaction: reserves its numbers on the workspace counter (locked
 * until commit, so numbers stay gapless), then copies the cases, search documents included, and their
 * entries straight into their tables.
 */
export async function copyCases(
  sql: Sql,
  workspaceId: number,
  batch: CopyBatch,
): Promise<{ first: number; last: number }> {
  const [counter] = await sql.query<{ last_number: number }>(
    `insert into case_counters as cc (workspace_id, last_number) values ($1, $2)
     on conflict (workspace_id) do update set last_number = cc.last_number + $2 returning last_number`,
    [workspaceId, batch.size],
  );
  const last = Number(counter!.last_number);
  const first = last - batch.size + 1;
  await sql.copyFrom(
    "cases",
    ["workspace_id", "number", ...WRITABLE_COLUMNS, "search_document", "internal_search_document"],
    lines(batch.cases.map((line, i) => `${workspaceId}\t${first + i}\t${line}`)),
  );
  await sql.copyFrom(
    "timeline_entries",
    ENTRY_COLUMNS,
    lines(batch.entries.map((entry) => `${workspaceId}\t${first + entry.of}\t${entry.line}`)),
  );
  return { first, last };
}

const lines = (rows: readonly string[]) => (rows.length ? `${rows.join("\n")}\n` : "");

/**
 * Settles the cases after a bulk load: fresh statistics, so the next queries use the indexes, and the GIN
 * indexes' pending lists merged into their trees (a fast-update list of several megabytes is otherwise read
 * by every word and tag search until a vacuum merges it).
 */
export async function settleImportedCases(sql: Sql): Promise<void> {
  await sql.query("analyze cases");
  await sql.query("analyze timeline_entries");
  await sql.query(
    `select gin_clean_pending_list(i.indexrelid) from pg_index i
     join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
     where i.indrelid = 'cases'::regclass and am.amname = 'gin'`,
  );
}
