/** Opaque cursors: base64url JSON of where a page ended, bound to the sort that produced it. */
import { Failure } from "../../domain/errors.ts";
import type { Page } from "../../ops/cases/read-cases.ts";

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** Decodes a cursor and checks its shape; anything else is a validation error on `cursor`. */
export function decodeCursor<T>(raw: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (!isValid(value))
    throw new Failure({
      code: "validation_failed",
      message: "The cursor is not one this list handed out (or the sort changed).",
      fields: [{ path: ["cursor"], in: "querystring", message: "is not valid for this list" }],
    });
  return value;
}

export const isPositiveInteger = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/** Where a page of an id-ordered list starts: after the id in the cursor, or at the beginning. */
export const afterIdOf = (cursor: string | undefined): number | null =>
  cursor ? decodeCursor(cursor, isPositiveInteger) : null;

/** The wire shape of every list: the presented items and the cursor of the next page, or null. */
export function pageBody<T, P, W>(
  page: Page<T, P>,
  present: (item: T) => W,
  cursorOf: (next: P) => unknown = (p) => p,
): { data: W[]; next: string | null; total?: number; totalExact?: boolean } {
  return {
    data: page.items.map(present),
    next: page.next === null ? null : encodeCursor(cursorOf(page.next)),
    ...(page.total ? { total: page.total.value, totalExact: page.total.exact } : {}),
  };
}

/** One page of a short list held whole in memory (administration records), in id order, after the cursor. */
export function pageInMemory<T extends { id: number }>(
  all: readonly T[],
  query: { limit?: number; cursor?: string; count?: boolean },
): Page<T, number> {
  const afterId = afterIdOf(query.cursor) ?? 0;
  const limit = query.limit ?? 50;
  const rest = [...all].sort((a, b) => a.id - b.id).filter((item) => item.id > afterId);
  const items = rest.slice(0, limit);
  return {
    items,
    next: rest.length > limit ? items[items.length - 1]!.id : null,
    ...(query.count ? { total: { value: all.length, exact: true } } : {}),
  };
}
