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

/** `refs` maps an input field name to the kind and id it refers to; returns the field names that dangle. */
export async function missingReferences(
  sql: Sql,
  workspaceId: number,
  refs: Record<string, { kind: ReferenceKind; id: number | null | undefined }>,
): Promise<string[]> {
  const given = Object.entries(refs).filter(([, ref]) => ref.id !== null && ref.id !== undefined);
  // An id that is no whole number (a malformed reference) cannot exist; it is not sent to the database.
  const malformed = given.filter(([, ref]) => !Number.isSafeInteger(ref.id)).map(([field]) => field);
  const checks = given.filter(([, ref]) => Number.isSafeInteger(ref.id));
  if (checks.length === 0) return malformed;
  const params = new Params();
  const ws = params.add(workspaceId);
  const columns = checks.map(([, ref], index) => {
    const key = ref.kind === "case" ? "number" : "id";
    return `exists (select 1 from ${TABLES[ref.kind]} where workspace_id = ${ws} and ${key} = ${params.add(ref.id)}) as r${index}`;
  });
  const row = (await sql.query(`select ${columns.join(", ")}`, params.values))[0] ?? {};
  return [...malformed, ...checks.filter((_, index) => !row[`r${index}`]).map(([field]) => field)];
}
