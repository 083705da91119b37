/** Small helpers shared by the store's row mappers. */

/** Maps a nullable id column to number | null. */
export const idOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** Maps a nullable timestamp column to Date | null. */
export const dateOrNull = (value: unknown): Date | null => (value ? new Date(value as string) : null);

/** Builds a parameter list and hands out `$n` placeholders as values are added. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
