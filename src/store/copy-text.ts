/** Rows in PostgreSQL's COPY text format: tab-separated, \N for null, backslash escapes. */

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const SPECIAL = /[\\\n\r\t]/g;

const escapeText = (text: string) => text.replace(SPECIAL, (ch) => ESCAPES[ch]!);

/** An array literal (`{"a","b"}`) of strings. */
const arrayLiteral = (items: readonly unknown[]) =>
  `{${items.map((item) => `"${String(item).replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(",")}}`;

function field(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  if (typeof value === "object") return escapeText(JSON.stringify(value));
  return escapeText(String(value));
}

/** One row's values, formatted for their columns and separated by tabs (no line end). */
export const copyFields = (row: readonly unknown[]) => row.map(field).join("\t");

/** One line per row, each value formatted for its column. */
export function copyText(rows: Iterable<readonly unknown[]>): string {
  let text = "";
  for (const row of rows) text += `${copyFields(row)}\n`;
  return text;
}
