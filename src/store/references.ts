/** One round trip that tells which referenced records of a write do not exist. */
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";

const TABLES = {
  queue: "queues",
  user: "users",
  contact: "contacts",
  account: "accounts",
  case: "cases",
} as const;

export type ReferenceKind = keyof typeof TABLES;

export type References = Record<string, { kind: ReferenceKind; id: number | null | undefined }>;

/** The existence checks of `refs` as select-list columns, and how to read their answer from the row. */
export function referenceChecks(params: Params, workspace: string, refs: References) {
  const checks = Object.entries(refs).filter(([, ref]) => ref.id !== null && ref.id !== undefined);
  const columns = checks.map(([, ref], index) => {
    const key = ref.kind === "case" ? "number" : "id";
    return `exists (select 1 from ${TABLES[ref.kind]} where workspace_id = ${workspace} and ${key} = ${params.add(ref.id)}) as r${index}`;
  });
  return {
    columns,
    missing: (row: Record<string, unknown>) =>
      checks.filter((_, index) => !row[`r${index}`]).map(([field]) => field),
  };
}

/** `refs` maps an input field name to the kind and id it refers to; returns the field names that dangle. */
export async function missingReferences(sql: Sql, workspaceId: number, refs: References): Promise<string[]> {
  const params = new Params();
  const checks = referenceChecks(params, params.add(workspaceId), refs);
  if (checks.columns.length === 0) return checks.missing({});
  const row = (await sql.query(`select ${checks.columns.join(", ")}`, params.values))[0] ?? {};
  return checks.missing(row);
}
