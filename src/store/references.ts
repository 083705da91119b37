/** One round trip that tells which referenced records of a write do not exist (or are not there for the actor). */
import type { Visibility } from "../domain/policy.ts";
import type { Sql } from "./db.ts";
import { Params } from "./rows.ts";
import { visibleSql } from "./visibility.ts";

const TABLES = {
  queue: "queues",
  user: "users",
  contact: "contacts",
  account: "accounts",
  case: "cases",
} as const;

export type ReferenceKind = keyof typeof TABLES;

export type References = Record<string, { kind: ReferenceKind; id: number | null | undefined }>;

/** The records of each kind the actor may refer to (the access policy's conditions); a kind left out: all. */
export type ReferableRecords = { [K in ReferenceKind]?: Visibility<K> };

/**
 * The existence checks of `refs` as select-list columns, and how to read their answer from the row. With
 * `hold`, each record found is locked against deletion (`for key share`) until the transaction ends, so a
 * write that refers to it cannot lose it to a concurrent delete between the check and its own insert. A check
 * outside a transaction holds nothing: a lock would end with the statement, yet make it a writing transaction
 * whose commit waits for a flush of the log.
 */
export function referenceChecks(
  params: Params,
  workspace: string,
  refs: References,
  referable: ReferableRecords = {},
  hold = true,
) {
  const checks = Object.entries(refs).filter(([, ref]) => ref.id !== null && ref.id !== undefined);
  const columns = checks.map(([, ref], index) => {
    const key = ref.kind === "case" ? "number" : "id";
    // Each kind's condition is typed by its kind; the lookup by a kind in hand loses the pairing, not the value.
    const visible = visibleSql(ref.kind, (referable[ref.kind] ?? null) as never, params);
    return `exists (select 1 from ${TABLES[ref.kind]} where workspace_id = ${workspace} and ${key} = ${params.add(ref.id)}
      and ${visible}${hold ? " for key share" : ""}) as r${index}`;
  });
  return {
    columns,
    missing: (row: Record<string, unknown>) =>
      checks.filter((_, index) => !row[`r${index}`]).map(([field]) => field),
  };
}

const isSet = (ref: References[string]): ref is { kind: ReferenceKind; id: number } =>
  ref.id !== null && ref.id !== undefined;

/**
 * The checks of several writes' `refs` at once, as one select-list column per kind of record (`= any(…)`), and
 * how to read from the row which fields of each write dangle, as `referenceChecks` would tell it. They hold
 * nothing, as a check outside a transaction does not.
 */
export function sharedReferenceChecks(
  params: Params,
  workspace: string,
  refsOfEach: readonly References[],
  referable: ReferableRecords = {},
) {
  const ids = new Map<ReferenceKind, Set<number>>();
  for (const ref of refsOfEach.flatMap((refs) => Object.values(refs)).filter(isSet))
    ids.set(ref.kind, (ids.get(ref.kind) ?? new Set()).add(ref.id));
  const columns = [...ids].map(([kind, wanted]) => {
    const key = kind === "case" ? "number" : "id";
    const visible = visibleSql(kind, (referable[kind] ?? null) as never, params);
    return `(select coalesce(array_agg(${key}), '{}') from ${TABLES[kind]} where workspace_id = ${workspace}
      and ${key} = any(${params.add([...wanted])}::bigint[]) and ${visible}) as found_${kind}`;
  });
  return {
    columns,
    missing: (row: Record<string, unknown>) => {
      const found = new Map(
        [...ids.keys()].map((kind) => [kind, new Set((row[`found_${kind}`] as unknown[]).map(Number))]),
      );
      return refsOfEach.map((refs) =>
        Object.entries(refs)
          .filter(([, ref]) => isSet(ref) && !found.get(ref.kind)!.has(ref.id))
          .map(([field]) => field),
      );
    },
  };
}

/** `refs` maps an input field name to the kind and id it refers to; returns the field names that dangle. */
export async function missingReferences(
  sql: Sql,
  workspaceId: number,
  refs: References,
  referable: ReferableRecords = {},
): Promise<string[]> {
  const params = new Params();
  const checks = referenceChecks(params, params.add(workspaceId), refs, referable);
  if (checks.columns.length === 0) return checks.missing({});
  const row = (await sql.query(`select ${checks.columns.join(", ")}`, params.values))[0] ?? {};
  return checks.missing(row);
}
