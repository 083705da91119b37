/** Workspace rows (the tenant directory). */
import type { Workspace } from "../domain/workspaces/workspace.ts";
import type { Sql } from "./db.ts";
import { lockSchema } from "./schema-locks.ts";

const COLUMNS = "id, slug, name, resolution_required, close_delay_seconds, created_at";

function toWorkspace(row: Record<string, unknown>): Workspace {
  return {
    id: Number(row.id),
    slug: row.slug as string,
    name: row.name as string,
    resolutionRequired: Boolean(row.resolution_required),
    closeDelaySeconds: Number(row.close_delay_seconds),
    createdAt: new Date(row.created_at as string),
  };
}

export async function insertWorkspace(sql: Sql, slug: string, name: string): Promise<Workspace> {
  const rows = await sql.query(`insert into workspaces (slug, name) values ($1, $2) returning ${COLUMNS}`, [
    slug,
    name,
  ]);
  return toWorkspace(rows[0]!);
}

export async function findWorkspace(
  sql: Sql,
  by: { id: number } | { slug: string },
): Promise<Workspace | null> {
  const rows =
    "id" in by
      ? await sql.query(`select ${COLUMNS} from workspaces where id = $1`, [by.id])
      : await sql.query(`select ${COLUMNS} from workspaces where slug = $1`, [by.slug]);
  return rows[0] ? toWorkspace(rows[0]) : null;
}

export async function listWorkspaces(sql: Sql): Promise<Workspace[]> {
  return (await sql.query(`select ${COLUMNS} from workspaces order by id`)).map(toWorkspace);
}

export async function updateWorkspaceSettings(
  sql: Sql,
  id: number,
  settings: { resolutionRequired?: boolean; closeDelaySeconds?: number },
): Promise<Workspace | null> {
  const rows = await sql.query(
    `update workspaces set resolution_required = coalesce($2, resolution_required),
       close_delay_seconds = coalesce($3, close_delay_seconds) where id = $1 returning ${COLUMNS}`,
    [id, settings.resolutionRequired ?? null, settings.closeDelaySeconds ?? null],
  );
  return rows[0] ? toWorkspace(rows[0]) : null;
}

/** Serialises servers that bootstrap the workspace directory at once, until the transaction ends. */
export async function lockDirectory(sql: Sql): Promise<void> {
  await lockSchema(sql, "directory");
}
