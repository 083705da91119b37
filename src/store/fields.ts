/** Custom field definition rows. */
import type {
  DefinitionFields,
  FieldDefinition,
  FieldObject,
  FieldQueryField,
} from "../domain/fields/definition.ts";
import type { Visibility } from "../domain/policy.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { type Columns, conditionSql, countedPage, orderSql } from "./condition-sql.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";
import { visibleSql } from "./visibility.ts";

export const DEFINITION_COLUMNS = `id, object, key, label, description, type, options, required, searchable, active, display_order,
  hidden, readonly, visible_to_reporter, phase, hint_text, placeholder_text, widget, revision, created_at, updated_at`;

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
  phase: row.phase as FieldDefinition["phase"],
  hintText: row.hint_text as string,
  placeholderText: row.placeholder_text as string,
  widget: (row.widget as FieldDefinition["widget"]) ?? null,
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
    d.phase,
    d.hintText,
    d.placeholderText,
    d.widget,
  ];
}

/** Inserts a definition; returns null when the key is taken for that object. */
export async function insertDefinition(sql: Sql, workspaceId: number, d: DefinitionFields, at: Date) {
  const rows = await sql.query(
    `insert into field_definitions (workspace_id, object, key, label, description, type, options, required,
       searchable, active, display_order, hidden, readonly, visible_to_reporter, phase, hint_text, placeholder_text,
       widget, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)
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
       phase = $14, hint_text = $15, placeholder_text = $16, widget = $17, revision = $18, updated_at = $19
     where workspace_id = $1 and id = $2`,
    [workspaceId, d.id, ...values(d), d.revision, d.updatedAt],
  );
}

const QUERY_COLUMNS: Columns<FieldQueryField> = {
  id: { sql: "id", type: "bigint" },
  object: { sql: "object", type: "text" },
  key: { sql: "key", type: "text" },
  label: { sql: "label", type: "text" },
  type: { sql: "type", type: "text" },
  kind: { sql: "(type || coalesce(':' || widget, ''))", type: "text" },
  phase: { sql: "phase", type: "text" },
  displayOrder: { sql: "display_order", type: "bigint" },
  required: { sql: "required", type: "boolean" },
  readonly: { sql: "readonly", type: "boolean" },
  hidden: { sql: "hidden", type: "boolean" },
  visibleToReporter: { sql: "visible_to_reporter", type: "boolean" },
  active: { sql: "active", type: "boolean" },
  createdAt: { sql: "created_at", type: "timestamptz" },
  updatedAt: { sql: "updated_at", type: "timestamptz" },
};

/** A page of the definitions of `visible` (the access policy's condition) matching `query`, and how many match. */
export async function queryDefinitions(
  sql: Sql,
  workspaceId: number,
  query: ListQuery<FieldQueryField>,
  visible: Visibility<"field">,
): Promise<{ definitions: FieldDefinition[]; total: number }> {
  const params = new Params();
  const where = [`workspace_id = ${params.add(workspaceId)}`, visibleSql("field", visible, params)];
  if (query.where) where.push(conditionSql(query.where, QUERY_COLUMNS, params));
  const { rows, total } = await countedPage(
    sql,
    {
      columns: DEFINITION_COLUMNS,
      from: "field_definitions",
      where: where.join(" and "),
      order: orderSql(query.order, QUERY_COLUMNS, "id"),
    },
    params,
    query,
    toDefinition,
  );
  return { definitions: rows, total };
}

/** The definitions among `ids` within `visible`, in the order of `ids`; ids of no such definition are left out. */
export async function findDefinitions(
  sql: Sql,
  workspaceId: number,
  ids: readonly number[],
  visible: Visibility<"field"> = null,
): Promise<FieldDefinition[]> {
  if (ids.length === 0) return [];
  const params = new Params();
  const where = [
    `workspace_id = ${params.add(workspaceId)}`,
    `id = any(${params.add(ids)}::bigint[])`,
    visibleSql("field", visible, params),
  ];
  const rows = await sql.query(
    `select ${DEFINITION_COLUMNS} from field_definitions where ${where.join(" and ")}`,
    params.values,
  );
  const byId = new Map(rows.map((row) => [Number(row.id), toDefinition(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * How many groups and forms hold each definition, and how many cases (trashed ones not counted) hold a value
 * of it.
 */
export async function definitionStatistics(
  sql: Sql,
  workspaceId: number,
  ids: readonly number[],
): Promise<Map<number, { groups: number; forms: number; cases: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; groups: string; forms: string; cases: string }>(
    `select d.id,
       (select count(*) from field_group_members m where m.workspace_id = d.workspace_id and m.field_id = d.id)
         as groups,
       (select count(*) from form_parameters p where p.workspace_id = d.workspace_id and p.field_id = d.id)
         as forms,
       case when d.object = 'case' then
         (select count(*) from cases c
          where c.workspace_id = d.workspace_id and c.trashed_at is null and c.custom_fields ? d.key)
       else 0 end as cases
     from field_definitions d where d.workspace_id = $1 and d.id = any($2::bigint[])`,
    [workspaceId, ids],
  );
  return new Map(
    rows.map((row) => [
      Number(row.id),
      { groups: Number(row.groups), forms: Number(row.forms), cases: Number(row.cases) },
    ]),
  );
}

/** Whether anything holds the definition: a case's value (trashed cases included), a group or a form. */
export async function definitionInUse(sql: Sql, workspaceId: number, d: FieldDefinition): Promise<boolean> {
  const rows = await sql.query(
    `select 1 from field_group_members where workspace_id = $1 and field_id = $2
     union all
     select 1 from form_parameters where workspace_id = $1 and field_id = $2
     union all
     select 1 from cases where workspace_id = $1 and $3 = 'case' and custom_fields ? $4
     limit 1`,
    [workspaceId, d.id, d.object, d.key],
  );
  return rows.length > 0;
}

export async function deleteDefinition(sql: Sql, workspaceId: number, id: number): Promise<void> {
  await sql.query("delete from field_definitions where workspace_id = $1 and id = $2", [workspaceId, id]);
}
