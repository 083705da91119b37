/** The facts the access policy decides visibility on, as columns of each record's table, and its condition as SQL. */
import type { Subject, SubjectField, Visibility } from "../domain/policy.ts";
import { type Columns, conditionSql } from "./condition-sql.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";

const bigint = (sql: string) => ({ sql, type: "bigint" }) as const;
const boolean = (sql: string) => ({ sql, type: "boolean" }) as const;

/** Unqualified: each statement reads the record's table without another table that has these columns. */
const VISIBLE_COLUMNS: { [T in Subject["type"]]: Columns<SubjectField<T>> } = {
  case: { accountId: bigint("account_id") },
  contact: { accountId: bigint("account_id") },
  user: { accountId: bigint("account_id") },
  account: { id: bigint("id") },
  entry: { visibility: { sql: "visibility", type: "text" } },
  queue: { internal: boolean("internal"), ownerAccountId: bigint("owner_account_id") },
  form: { status: { sql: "status", type: "text" } },
  field: { hidden: boolean("hidden"), visibleToReporter: boolean("visible_to_reporter") },
  field_group: {},
};

/** The records of `type` the policy lets the actor see, as a WHERE condition: `true` when it allows every one. */
export const visibleSql = <T extends Subject["type"]>(
  type: T,
  visible: Visibility<T>,
  params: Params,
): string =>
  visible === null
    ? "true"
    : conditionSql(visible, VISIBLE_COLUMNS[type] as Columns<SubjectField<T>>, params);

/** Every row of a workspace's table within `visible` (the access policy's condition), oldest first. */
export async function visibleRows<T extends Subject["type"]>(
  sql: Sql,
  from: { table: string; columns: string; type: T },
  workspaceId: number,
  visible: Visibility<T>,
): Promise<Record<string, unknown>[]> {
  const params = new Params();
  const where = `workspace_id = ${params.add(workspaceId)} and ${visibleSql(from.type, visible, params)}`;
  return sql.query(`select ${from.columns} from ${from.table} where ${where} order by id`, params.values);
}
