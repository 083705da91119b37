/** Field group rows and their members. */
import type {
  FieldGroup,
  FieldGroupFields,
  FieldGroupMember,
  GroupQueryField,
  MemberOf,
  MemberQueryField,
} from "../domain/fields/group.ts";
import type { Visibility } from "../domain/policy.ts";
import type { ListQuery } from "../domain/query/condition.ts";
import { type Columns, conditionSql, countedPage, orderSql } from "./condition-sql.ts";
import type { Sql } from "./db.ts";
import { DEFINITION_COLUMNS, toDefinition } from "./fields.ts";
import { Params } from "./rows.ts";
import { visibleSql } from "./visibility.ts";

const COLUMNS = "id, name, label, description, revision, created_at, updated_at";

const toGroup = (row: Record<string, unknown>): FieldGroup => ({
  id: Number(row.id),
  name: row.name as string,
  label: row.label as string,
  description: row.description as string,
  revision: Number(row.revision),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});

export async function insertGroup(sql: Sql, workspaceId: number, g: FieldGroupFields, at: Date) {
  const rows = await sql.query(
    `insert into field_groups (workspace_id, name, label, description, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5) returning ${COLUMNS}`,
    [workspaceId, g.name, g.label, g.description, at],
  );
  return toGroup(rows[0]!);
}

export async function findGroup(sql: Sql, workspaceId: number, id: number, lock = false) {
  const rows = await sql.query(
    `select ${COLUMNS} from field_groups where workspace_id = $1 and id = $2${lock ? " for update" : ""}`,
    [workspaceId, id],
  );
  return rows[0] ? toGroup(rows[0]) : null;
}

export async function saveGroup(sql: Sql, workspaceId: number, g: FieldGroup): Promise<void> {
  await sql.query(
    `update field_groups set name = $3, label = $4, description = $5, revision = $6, updated_at = $7
     where workspace_id = $1 and id = $2`,
    [workspaceId, g.id, g.name, g.label, g.description, g.revision, g.updatedAt],
  );
}

/** Removes the group and its memberships; the fields stay. */
export async function deleteGroup(sql: Sql, workspaceId: number, id: number): Promise<void> {
  await sql.query("delete from field_groups where workspace_id = $1 and id = $2", [workspaceId, id]);
}

const GROUP_COLUMNS: Columns<GroupQueryField> = {
  id: { sql: "id", type: "bigint" },
  name: { sql: "name", type: "text" },
  label: { sql: "label", type: "text" },
  createdAt: { sql: "created_at", type: "timestamptz" },
  updatedAt: { sql: "updated_at", type: "timestamptz" },
};

export async function queryGroups(sql: Sql, workspaceId: number, query: ListQuery<GroupQueryField>) {
  const params = new Params();
  const where = [`workspace_id = ${params.add(workspaceId)}`];
  if (query.where) where.push(conditionSql(query.where, GROUP_COLUMNS, params));
  const { rows, total } = await countedPage(
    sql,
    {
      columns: COLUMNS,
      from: "field_groups",
      where: where.join(" and "),
      order: orderSql(query.order, GROUP_COLUMNS, "id"),
    },
    params,
    query,
    toGroup,
  );
  return { groups: rows, total };
}

/** How many of each group's members are fields `visible` (the access policy's condition) lets the caller see. */
export async function groupSizes(
  sql: Sql,
  workspaceId: number,
  groupIds: readonly number[],
  visible: Visibility<"field">,
): Promise<Map<number, number>> {
  if (groupIds.length === 0) return new Map();
  const params = new Params();
  const ws = params.add(workspaceId);
  const rows = await sql.query<{ group_id: string; count: string }>(
    `select m.group_id, count(*) as count from field_group_members m
     join field_definitions d on d.workspace_id = m.workspace_id and d.id = m.field_id
     where m.workspace_id = ${ws} and m.group_id = any(${params.add(groupIds)}::bigint[])
       and ${visibleSql("field", visible, params)}
     group by m.group_id`,
    params.values,
  );
  return new Map(rows.map((row) => [Number(row.group_id), Number(row.count)]));
}

const MEMBER_COLUMNS = `m.group_id, m.field_id, m.display_order, m.revision, m.created_at, m.updated_at,
  ${DEFINITION_COLUMNS.split(",")
    .map((column) => `d.${column.trim()} as d_${column.trim()}`)
    .join(", ")}`;

const toMember = (row: Record<string, unknown>): MemberOf => ({
  member: {
    id: Number(row.field_id),
    groupId: Number(row.group_id),
    displayOrder: Number(row.display_order),
    revision: Number(row.revision),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  },
  field: toDefinition(
    Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => key.startsWith("d_"))
        .map(([key, value]) => [key.slice(2), value]),
    ),
  ),
});

const MEMBER_FROM = `field_group_members m
  join field_definitions d on d.workspace_id = m.workspace_id and d.id = m.field_id`;

const MEMBER_QUERY_COLUMNS: Columns<MemberQueryField> = {
  id: { sql: "m.field_id", type: "bigint" },
  label: { sql: "d.label", type: "text" },
  displayOrder: { sql: "m.display_order", type: "bigint" },
  createdAt: { sql: "m.created_at", type: "timestamptz" },
  updatedAt: { sql: "m.updated_at", type: "timestamptz" },
};

/** A page of a group's members whose fields are within `visible` (the access policy's condition). */
export async function queryMembers(
  sql: Sql,
  workspaceId: number,
  groupId: number,
  query: ListQuery<MemberQueryField>,
  visible: Visibility<"field">,
) {
  const params = new Params();
  const where = [
    `m.workspace_id = ${params.add(workspaceId)}`,
    `m.group_id = ${params.add(groupId)}`,
    // Unqualified, the policy's columns are the field's: the members table has none of their names.
    visibleSql("field", visible, params),
  ];
  if (query.where) where.push(conditionSql(query.where, MEMBER_QUERY_COLUMNS, params));
  const { rows, total } = await countedPage(
    sql,
    {
      columns: MEMBER_COLUMNS,
      from: MEMBER_FROM,
      where: where.join(" and "),
      order: orderSql(query.order, MEMBER_QUERY_COLUMNS, "m.field_id"),
    },
    params,
    query,
    toMember,
  );
  return { members: rows, total };
}

export async function findMember(
  sql: Sql,
  workspaceId: number,
  groupId: number,
  fieldId: number,
  lock = false,
) {
  const rows = await sql.query(
    `select ${MEMBER_COLUMNS} from ${MEMBER_FROM}
     where m.workspace_id = $1 and m.group_id = $2 and m.field_id = $3${lock ? " for update of m" : ""}`,
    [workspaceId, groupId, fieldId],
  );
  return rows[0] ? toMember(rows[0]) : null;
}

/** Adds a field to a group; null when it is there already. */
export async function insertMember(
  sql: Sql,
  workspaceId: number,
  groupId: number,
  fieldId: number,
  displayOrder: number,
  at: Date,
): Promise<boolean> {
  const rows = await sql.query(
    `insert into field_group_members (workspace_id, group_id, field_id, display_order, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5) on conflict do nothing returning field_id`,
    [workspaceId, groupId, fieldId, displayOrder, at],
  );
  return rows.length > 0;
}

export async function saveMember(sql: Sql, workspaceId: number, m: FieldGroupMember): Promise<void> {
  await sql.query(
    `update field_group_members set display_order = $4, revision = $5, updated_at = $6
     where workspace_id = $1 and group_id = $2 and field_id = $3`,
    [workspaceId, m.groupId, m.id, m.displayOrder, m.revision, m.updatedAt],
  );
}

export async function deleteMember(sql: Sql, workspaceId: number, groupId: number, fieldId: number) {
  await sql.query(
    "delete from field_group_members where workspace_id = $1 and group_id = $2 and field_id = $3",
    [workspaceId, groupId, fieldId],
  );
}
