/** Turns an RQL tree into a model-level condition and order, through one resource's vocabulary of wire paths. */
import { Failure, type FieldError } from "../../../domain/errors.ts";
import { type Condition, likeLiteral, type Order, type Scalar } from "../../../domain/query/condition.ts";
import type { RqlNode, RqlOrder, RqlValue } from "./ast.ts";

/** One wire path a list can filter (and maybe sort) on, and how its values read as model values. */
export interface Term<F extends string> {
  field: F;
  /** The model values one wire value stands for (a status word may stand for several), or an error message. */
  read(text: string): Scalar[] | string;
  /** Text fields match `ilike`. */
  text?: boolean;
  sortable?: boolean;
}

export type Vocabulary<F extends string> = Record<string, Term<F>>;

const bad = (field: string, message: string): never => {
  const error: FieldError = { path: [field], message, in: "querystring" };
  throw new Failure({ code: "validation_failed", message: `${field}: ${message}`, fields: [error] });
};

function termOf<F extends string>(vocabulary: Vocabulary<F>, path: string[]): [string, Term<F>] {
  const name = path.join(".");
  const term = Object.hasOwn(vocabulary, name) ? vocabulary[name] : undefined;
  return term ? [name, term] : bad(name, "is not a field you can filter or sort on");
}

function valuesOf<F extends string>(name: string, term: Term<F>, value: RqlValue): Scalar[] {
  if (value.kind === "null") return [null];
  if (value.kind === "empty") return term.text ? ["", null] : [null];
  const read = term.read(value.text);
  return typeof read === "string" ? bad(name, read) : read;
}

/** `*` is the wildcard and `\*` a literal star; everything else is literal. */
const likePattern = (text: string) =>
  text
    .split(/(\\\*|\*)/)
    .map((part) => (part === "*" ? "%" : part === "\\*" ? "*" : likeLiteral(part)))
    .join("");

export function translate<F extends string>(node: RqlNode, vocabulary: Vocabulary<F>): Condition<F> {
  switch (node.op) {
    case "and":
      return { all: node.args.map((arg) => translate(arg, vocabulary)) };
    case "or":
      return { any: node.args.map((arg) => translate(arg, vocabulary)) };
    case "not":
      return { not: translate(node.arg, vocabulary) };
    case "any":
    case "all":
      return bad(node.path.join("."), "is not a collection you can filter on");
    case "in":
    case "out": {
      const [name, term] = termOf(vocabulary, node.path);
      const values = node.values.flatMap((value) => valuesOf(name, term, value));
      const condition: Condition<F> = { field: term.field, op: "in", values };
      return node.op === "in" ? condition : { not: condition };
    }
    case "ilike": {
      const [name, term] = termOf(vocabulary, node.path);
      if (!term.text || node.value.kind !== "text")
        return bad(name, "ilike needs a text field and a text pattern");
      return { field: term.field, op: "like", pattern: likePattern(node.value.text) };
    }
    default: {
      const [name, term] = termOf(vocabulary, node.path);
      const values = valuesOf(name, term, node.value);
      if (values.length === 1) return { field: term.field, op: node.op, value: values[0]! };
      if (node.op === "eq") return { field: term.field, op: "in", values };
      if (node.op === "ne") return { not: { field: term.field, op: "in", values } };
      return bad(name, `${node.op}() cannot compare with a value that stands for several`);
    }
  }
}

export function translateOrder<F extends string>(order: RqlOrder[], vocabulary: Vocabulary<F>): Order<F>[] {
  return order.map(({ path, direction }) => {
    const [name, term] = termOf(vocabulary, path);
    if (!term.sortable) bad(name, "is not a field you can sort on");
    return { field: term.field, direction };
  });
}

/** Readers for the usual kinds of values. */
export const readers = {
  text: (text: string): Scalar[] => [text],
  boolean: (text: string): Scalar[] | string =>
    /^(true|false)$/i.test(text) ? [text.toLowerCase() === "true"] : "must be true or false",
  date: (text: string): Scalar[] | string => {
    const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? new Date(text) : null;
    return date && !Number.isNaN(date.getTime()) ? [date] : "must be a date such as 2026-01-05T09:00:00.000Z";
  },
  /** A prefixed id; one of the right shape that names nothing simply matches nothing. */
  id:
    (parse: (raw: string) => number | null, what: string) =>
    (text: string): Scalar[] | string => {
      const id = parse(text);
      return id === null ? `must be ${what} id` : [id];
    },
};
