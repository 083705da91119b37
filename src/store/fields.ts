/** Custom field definition rows. */
import type { DefinitionFields, FieldDefinition, FieldObject } from "../domain/fields/definition.ts";
import type { Visibility } from "../domain/policy.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";
import { visibleSql } from "./visibility.ts";

export const DEFINITION_COLUMNS = `id, object, key, label, description, type, options, required, searchable, active, display_order,
  hidden, readonly, visible_to_reporter, revision, created_at, updated_at`;

export const toDefinition = (row: Record<string, unknown>): FieldDefinition => ({
  id: Number(row.id),
  object: row.object as FieldObject,
  key: row.key as string,
  label: row.label as string,
  description: row.description as string,
  type: row.type as FieldDefinition["type"],
  options: row.options as FieldDefinition["options"],
  required: Boolean(row.required),
  searchable: Boolean(row.searchable),
  active: Boolean(row.active),
  displayOrder: Number(row.display_order),
  hidden: Boolean(row.hidden),
  readonly: Boolean(row.readonly),
  visibleToReporter: Boolean(row.visible_to_reporter),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

function values(d: DefinitionFields): unknown[] {
  return [
    d.label,
    d.description,
    d.type,
    JSON.stringify(d.options),
    d.required,
    d.searchable,
    d.active,
    d.displayOrder,
    d.hidden,
    d.readonly,
    d.visibleToReporter,
  ];
}

/** Inserts a definition; returns null when the key is taken for that object. */
export async function insertDefinition(sql: Sql, workspaceId: number, d: DefinitionFields, at: Date) {
  const rows = await sql.query(
    `insert into field_definitions (workspace_id, object, key, label, description, type, options, required,
       searchable, active, display_order, hidden, readonly, visible_to_reporter, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
     on conflict (workspace_id, object, key) do nothing returning ${DEFINITION_COLUMNS}`,
    [workspaceId, d.object, d.key, ...values(d), at],
  );
  return rows[0] ? toDefinition(rows[0]) : null;
}

/**
 * The definitions of one object (all objects when none), within `visible` (the access policy's condition);
 * the rules that redact values and check writes read them all.
 */
export async function listDefinitions(
  sql: Sql,
  workspaceId: number,
  object?: FieldObject,
  visible: Visibility<"field"> = null,
) {
  const params = new Params();
  const objectParam = params.add(object ?? null);
  const where = [
    `workspace_id = ${params.add(workspaceId)}`,
    `(${objectParam}::text is null or object = ${objectParam})`,
    visibleSql("field", visible, params),
  ];
  const rows = await sql.query(
    `select ${DEFINITION_COLUMNS} from field_definitions where ${where.join(" and ")}
     order by object, display_order, id`,
    params.values,
  );
  return rows.map(toDefinition);
}

export async function findDefinition(sql: Sql, workspaceId: number, id: number, lock = false) {
  const rows = await sql.query(
    `select ${DEFINITION_COLUMNS} from field_definitions where workspace_id = $1 and id = $2${lock ? " for update" : ""}`,
    [workspaceId, id],
  );
  return rows[0] ? toDefinition(rows[0]) : null;
}

export async function saveDefinition(sql: Sql, workspaceId: number, d: FieldDefinition): Promise<void> {
  await sql.query(
    `update field_definitions set label = $3, description = $4, type = $5, options = $6, required = $7,
       searchable = $8, active = $9, display_order = $10, hidden = $11, readonly = $12, visible_to_reporter = $13,
       revision = $14, updated_at = $15
     where workspace_id = $1 and id = $2`,
    [workspaceId, d.id, ...values(d), d.revision, d.updatedAt],
  );
}
