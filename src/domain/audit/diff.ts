/** Field-level before/after changes, the unit of every audit record. */

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const normalize = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : (value ?? null);

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

/** Lists the fields whose values differ between two snapshots of one object. */
export function diff<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!sameValue(before[field], after[field]))
      changes.push({ field, before: normalize(before[field]), after: normalize(after[field]) });
  }
  return changes;
}

/** The changes that create an object: every field that holds a value, from nothing. */
export function creation<T extends object>(after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((field) => {
      const value = after[field];
      return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
    })
    .map((field) => ({ field, before: null, after: normalize(after[field]) }));
}
