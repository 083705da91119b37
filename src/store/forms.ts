/** Form rows and their parameters (field definitions, in display order). */
import type { Form, FormFields, FormQueryField, FormStatus } from "../domain/forms/form.ts";
import type { Visibility } from "../domain/policy.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { type Columns, conditionSql, countedPage, orderSql } from "./condition-sql.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";
import { visibleSql } from "./visibility.ts";

const PARAMETERS = `coalesce((select jsonb_agg(jsonb_build_object('fieldId', p.field_id, 'displayOrder', p.display_order)
    order by p.display_order, p.field_id)
  from form_parameters p where p.workspace_id = forms.workspace_id and p.form_id = forms.id), '[]') as parameters`;

const COLUMNS = `id, name, description, status, revision, created_at, updated_at, ${PARAMETERS}`;

const toForm = (row: Record<string, unknown>): Form => ({
  id: Number(row.id),
  name: row.name as string,
  description: row.description as string,
  status: row.status as FormStatus,
  parameters: (row.parameters as { fieldId: number | string; displayOrder: number }[]).map((p) => ({
    fieldId: Number(p.fieldId),
    displayOrder: Number(p.displayOrder),
  })),
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

async function writeParameters(sql: Sql, workspaceId: number, form: Pick<Form, "id" | "parameters">) {
  await sql.query("delete from form_parameters where workspace_id = $1 and form_id = $2", [
    workspaceId,
    form.id,
  ]);
  if (form.parameters.length === 0) return;
  await sql.query(
    `insert into form_parameters (workspace_id, form_id, field_id, display_order)
     select $1, $2, field, position from unnest($3::bigint[], $4::integer[]) as given (field, position)`,
    [workspaceId, form.id, form.parameters.map((p) => p.fieldId), form.parameters.map((p) => p.displayOrder)],
  );
}

export async function insertForm(sql: Sql, workspaceId: number, fields: FormFields, at: Date): Promise<Form> {
  const rows = await sql.query<{ id: string }>(
    `insert into forms (workspace_id, name, description, created_at, updated_at) values ($1, $2, $3, $4, $4)
     returning id`,
    [workspaceId, fields.name, fields.description, at],
  );
  const id = Number(rows[0]!.id);
  await writeParameters(sql, workspaceId, { id, parameters: fields.parameters });
  return (await findForm(sql, workspaceId, id))!;
}

export async function findForm(sql: Sql, workspaceId: number, id: number, lock = false) {
  const rows = await sql.query(
    `select ${COLUMNS} from forms where workspace_id = $1 and id = $2${lock ? " for update" : ""}`,
    [workspaceId, id],
  );
  return rows[0] ? toForm(rows[0]) : null;
}

export async function saveForm(sql: Sql, workspaceId: number, form: Form): Promise<void> {
  await sql.query(
    `update forms set name = $3, description = $4, status = $5, revision = $6, updated_at = $7
     where workspace_id = $1 and id = $2`,
    [workspaceId, form.id, form.name, form.description, form.status, form.revision, form.updatedAt],
  );
  await writeParameters(sql, workspaceId, form);
}

export async function deleteForm(sql: Sql, workspaceId: number, id: number): Promise<void> {
  await sql.query("delete from forms where workspace_id = $1 and id = $2", [workspaceId, id]);
}

/** Whether any case holds an answer to the form. */
export async function formHasAnswers(sql: Sql, workspaceId: number, id: number): Promise<boolean> {
  const rows = await sql.query(
    "select 1 from case_answers where workspace_id = $1 and form_id = $2 limit 1",
    [workspaceId, id],
  );
  return rows.length > 0;
}

const QUERY_COLUMNS: Columns<FormQueryField> = {
  id: { sql: "id", type: "bigint" },
  name: { sql: "name", type: "text" },
  status: { sql: "status", type: "text" },
  createdAt: { sql: "created_at", type: "timestamptz" },
  updatedAt: { sql: "updated_at", type: "timestamptz" },
};

/** A page of the forms of `visible` (the access policy's condition) matching `query`. */
export async function queryForms(
  sql: Sql,
  workspaceId: number,
  query: ListQuery<FormQueryField>,
  visible: Visibility<"form">,
): Promise<{ forms: Form[]; total: number }> {
  const params = new Params();
  const where = [`workspace_id = ${params.add(workspaceId)}`, visibleSql("form", visible, params)];
  if (query.where) where.push(conditionSql(query.where, QUERY_COLUMNS, params));
  const { rows, total } = await countedPage(
    sql,
    {
      columns: COLUMNS,
      from: "forms",
      where: where.join(" and "),
      order: orderSql(query.order, QUERY_COLUMNS, "id"),
    },
    params,
    query,
    toForm,
  );
  return { forms: rows, total };
}
