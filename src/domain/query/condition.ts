/** A filter over model fields, as any dialect's list query becomes before the store turns it into SQL. */

export type Scalar = string | number | boolean | Date | null;

export type Condition<F extends string = string> =
  | { all: Condition<F>[] }
  | { any: Condition<F>[] }
  | { not: Condition<F> }
  | { field: F; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; value: Scalar }
  | { field: F; op: "in"; values: Scalar[] }
  /** Case-insensitive match; `%` and `_` are wildcards and `\` escapes them (SQL LIKE). */
  | { field: F; op: "like"; pattern: string };

export interface Order<F extends string = string> {
  field: F;
  direction: "asc" | "desc";
}

/** A page of a filtered list, by position (the MPT lists page by offset and show the total). */
export interface ListQuery<F extends string = string> {
  where: Condition<F> | null;
  order: Order<F>[];
  offset: number;
  /** 0 asks only for the total. */
  limit: number;
}

/** The model fields a condition names, so a policy can refuse filters on fields the actor may not see. */
export function fieldsOf<F extends string>(condition: Condition<F> | null): F[] {
  if (!condition) return [];
  if ("all" in condition) return condition.all.flatMap(fieldsOf);
  if ("any" in condition) return condition.any.flatMap(fieldsOf);
  if ("not" in condition) return fieldsOf(condition.not);
  return [condition.field];
}

/** Escapes LIKE's wildcards in literal text. */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, "\\$&");

const comparable = (value: unknown) => (value instanceof Date ? value.getTime() : value);

/** Whether a record's values satisfy a condition, as the store's SQL would decide (null matches no comparison). */
export function matches<F extends string>(
  condition: Condition<F>,
  record: Readonly<Record<F, unknown>>,
): boolean {
  if ("all" in condition) return condition.all.every((c) => matches(c, record));
  if ("any" in condition) return condition.any.some((c) => matches(c, record));
  if ("not" in condition) return !matches(condition.not, record);
  const value = comparable(record[condition.field] ?? null);
  if (condition.op === "in") return condition.values.some((v) => comparable(v) === value);
  if (condition.op === "like") {
    const pattern = condition.pattern.replace(/\\(.)|([%_])|([^\\%_]+)/g, (_, escaped, wild, text) =>
      wild === "%" ? ".*" : wild === "_" ? "." : (escaped ?? text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    );
    return typeof value === "string" && new RegExp(`^${pattern}$`, "is").test(value);
  }
  const expected = comparable(condition.value);
  if (condition.op === "eq") return value === expected;
  if (condition.op === "ne") return value !== expected;
  if (value === null || expected === null) return false;
  const [a, b] = [value as number | string, expected as number | string];
  return { gt: a > b, ge: a >= b, lt: a < b, le: a <= b }[condition.op];
}
