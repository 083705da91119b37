/** The RQL syntax tree: what a raw MPT query string says, before any field or value is interpreted. */

export const COMPARISONS = ["eq", "ne", "gt", "ge", "lt", "le"] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** A value as written: bare text, or quoted (then never a keyword such as null()). */
export type RqlValue = { kind: "text"; text: string; quoted: boolean } | { kind: "null" } | { kind: "empty" };

export type RqlNode =
  | { op: "and" | "or"; args: RqlNode[] }
  | { op: "not"; arg: RqlNode }
  | { op: Comparison | "ilike"; path: string[]; value: RqlValue }
  | { op: "in" | "out"; path: string[]; values: RqlValue[] }
  | { op: "any" | "all"; path: string[]; where: RqlNode };

export interface RqlOrder {
  path: string[];
  direction: "asc" | "desc";
}

/** Everything a list request's query string carries. */
export interface RqlQuery {
  /** The conditions of every top-level expression and `field=value` pair, all of which must hold. */
  where: RqlNode | null;
  order: RqlOrder[];
  /** `select=+a,-b`: the extra (or dropped) properties asked for. */
  select: { include: string[][]; exclude: string[][] };
  limit: number | null;
  offset: number | null;
}

/** A query string that is not RQL; `expression` is the part at fault, as the client wrote it. */
export class RqlError extends Error {
  readonly expression: string;
  constructor(message: string, expression: string) {
    super(message);
    this.name = "RqlError";
    this.expression = expression;
  }
}
