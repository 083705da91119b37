/** Opaque cursors: base64url JSON of where a page ended, bound to the sort that produced it. */
import { Failure } from "../../domain/errors.ts";

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
      fields: [{ field: "query.cursor", message: "is not valid for this list" }],
    });
  return value;
}

export const isPositiveInteger = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;
