/** Partial updates: only the values that were sent take part. */

/** Drops keys whose value is undefined, so a partial update only touches what was sent. */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
