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
