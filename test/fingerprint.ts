/** A fingerprint of everything a request could change, to prove that a rejected request changed nothing. */
import type { Sql } from "../src/store/db.ts";

const TABLES = [
  "workspaces",
  "accounts",
  "users",
  "api_keys",
  "queues",
  "field_definitions",
  "contacts",
  "contact_handles",
  "cases",
  "timeline_entries",
  "case_participants",
  "case_links",
  "case_attachments",
  "attachment_chunks",
  "forms",
  "form_parameters",
  "case_answers",
  "audit_records",
  "outbox_events",
  "idempotency_keys",
];

/**
 * Row counts of every table plus an md5 over the rows of the tables that are updated in place, so an
 * update that keeps the counts still shows.
 */
export async function fingerprint(db: Sql): Promise<Record<string, unknown>> {
  const counts = TABLES.map((table) => `(select count(*) from ${table}) as ${table}`).join(", ");
  const digests = [
    "cases",
    "contacts",
    "timeline_entries",
    "case_participants",
    "case_links",
    "forms",
    "case_answers",
    "workspaces",
    "api_keys",
    "queues",
    "users",
  ]
    .map(
      (table) =>
        `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t) as ${table}_md5`,
    )
    .join(", ");
  const [row] = await db.query(`select ${counts}, ${digests}`);
  return row!;
}
