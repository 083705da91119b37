/** Webhook subscription rows, with the signing secrets they hold (kept readable: signing needs them). */
import type { Webhook, WebhookFields } from "../domain/events/webhook.ts";
import type { Sql } from "./db.ts";
import { dateOrNull } from "./rows.ts";

const COLUMNS = `id, workspace_id, url, topics, active, description, secret, previous_secret, previous_secret_until,
  failing_since, last_error, last_success_at, revision, created_at, updated_at`;

export const toWebhook = (row: Record<string, unknown>): Webhook => ({
  id: Number(row.id),
  workspaceId: Number(row.workspace_id),
  url: row.url as string,
  topics: row.topics as string[],
  active: Boolean(row.active),
  description: row.description as string,
  secret: row.secret as string,
  previousSecret: (row.previous_secret as string | null) ?? null,
  previousSecretUntil: dateOrNull(row.previous_secret_until),
  failingSince: dateOrNull(row.failing_since),
  lastError: (row.last_error as string | null) ?? null,
  lastSuccessAt: dateOrNull(row.last_success_at),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

export async function insertWebhook(
  sql: Sql,
  workspaceId: number,
  fields: WebhookFields,
  secret: string,
  at: Date,
): Promise<Webhook> {
  const rows = await sql.query(
    `insert into webhooks (workspace_id, url, topics, active, description, secret, created_at, updated_at)
     values ($1, $2, $3::text[], $4, $5, $6, $7, $7) returning ${COLUMNS}`,
    [workspaceId, fields.url, fields.topics, fields.active, fields.description, secret, at],
  );
  return toWebhook(rows[0]!);
}

export async function findWebhook(sql: Sql, workspaceId: number, id: number, lock = false) {
  const rows = await sql.query(
    `select ${COLUMNS} from webhooks where workspace_id = $1 and id = $2${lock ? " for update" : ""}`,
    [workspaceId, id],
  );
  return rows[0] ? toWebhook(rows[0]) : null;
}

export async function listWebhooks(sql: Sql, workspaceId: number): Promise<Webhook[]> {
  const rows = await sql.query(`select ${COLUMNS} from webhooks where workspace_id = $1 order by id`, [
    workspaceId,
  ]);
  return rows.map(toWebhook);
}

/** Saves the writable fields and the secrets; the revision moves on by one. */
export async function saveWebhook(sql: Sql, w: Webhook): Promise<void> {
  await sql.query(
    `update webhooks set url = $3, topics = $4::text[], active = $5, description = $6, secret = $7,
       previous_secret = $8, previous_secret_until = $9, revision = $10, updated_at = $11
     where workspace_id = $1 and id = $2`,
    [
      w.workspaceId,
      w.id,
      w.url,
      w.topics,
      w.active,
      w.description,
      w.secret,
      w.previousSecret,
      w.previousSecretUntil,
      w.revision,
      w.updatedAt,
    ],
  );
}

export async function deleteWebhook(sql: Sql, workspaceId: number, id: number): Promise<boolean> {
  const rows = await sql.query("delete from webhooks where workspace_id = $1 and id = $2 returning id", [
    workspaceId,
    id,
  ]);
  return rows.length > 0;
}

/** A delivery's final failure marks its subscription failing and says why (a later success clears it). */
export async function markWebhookFailing(sql: Sql, workspaceId: number, id: number, at: Date, error: string) {
  await sql.query(
    `update webhooks set failing_since = coalesce(failing_since, $3), last_error = $4
     where workspace_id = $1 and id = $2`,
    [workspaceId, id, at, error],
  );
}
