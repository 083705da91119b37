/** Parses a raw MPT query string (RQL expressions, `field=value`, order, select, limit, offset) into its AST. */
import { COMPARISONS, RqlError, type RqlNode, type RqlOrder, type RqlQuery, type RqlValue } from "./ast.ts";

/** Deeper nesting than any real filter, and shallow enough that hostile input never exhausts the stack. */
const MAX_DEPTH = 32;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const CONTROL = /^(limit|offset|order|select)=(.*)$/s;
const SHORTHAND = /^([A-Za-z_][A-Za-z0-9_.]*)=(.*)$/s;

/** The generic shape of an expression: calls, parenthesised lists and values. */
type Raw =
  | { t: "call"; name: string; args: Raw[]; source: string }
  | { t: "group"; items: Raw[]; source: string }
  | { t: "value"; text: string; quoted: boolean; source: string };

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  parseAll(): Raw {
    const node = this.arg(0);
    if (this.at < this.text.length) this.fail(`unexpected "${this.text[this.at]}"`);
    return node;
  }

  private fail(message: string): never {
    throw new RqlError(`${message} at position ${this.at + 1}`, this.text);
  }

  private arg(depth: number): Raw {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    const start = this.at;
    if (this.text[this.at] === "(") {
      this.at++;
      const items = this.list(depth);
      return { t: "group", items, source: this.text.slice(start, this.at) };
    }
    const value = this.value();
    if (!value.quoted && this.text[this.at] === "(") {
      if (!/^[a-z]+$/i.test(value.text)) this.fail(`"${value.text}" is not an operator`);
      this.at++;
      const args = this.list(depth);
      return { t: "call", name: value.text.toLowerCase(), args, source: this.text.slice(start, this.at) };
    }
    return { ...value, source: this.text.slice(start, this.at) };
  }

  /** Comma-separated arguments up to the closing parenthesis, which it consumes. */
  private list(depth: number): Raw[] {
    const items: Raw[] = [];
    if (this.text[this.at] === ")") {
      this.at++;
      return items;
    }
    for (;;) {
      items.push(this.arg(depth + 1));
      const next = this.text[this.at];
      this.at++;
      if (next === ")") return items;
      if (next !== ",") this.fail(next === undefined ? 'missing ")"' : `expected "," or ")"`);
    }
  }

  private value(): { t: "value"; text: string; quoted: boolean } {
    const quote = this.text[this.at];
    if (quote === '"' || quote === "'") {
      let text = "";
      for (this.at++; this.at < this.text.length; this.at++) {
        const char = this.text[this.at]!;
        if (char === quote) {
          this.at++;
          return { t: "value", text, quoted: true };
        }
        if (char === "\\" && this.at + 1 < this.text.length) this.at++;
        text += this.text[this.at];
      }
      this.fail(`unterminated ${quote} string`);
    }
    const start = this.at;
    while (this.at < this.text.length && !"(),".includes(this.text[this.at]!)) this.at++;
    if (this.at === start) this.fail("expected a value");
    return { t: "value", text: this.text.slice(start, this.at), quoted: false };
  }
}

function pathOf(raw: Raw | undefined, expression: string): string[] {
  if (raw?.t !== "value" || raw.quoted || !PATH.test(raw.text))
    throw new RqlError(`"${raw?.source ?? ""}" is not a property path`, expression);
  return raw.text.split(".");
}

function valueFrom(raw: Raw | undefined, expression: string): RqlValue {
  if (raw?.t === "value") return { kind: "text", text: raw.text, quoted: raw.quoted };
  if (raw?.t === "call" && raw.args.length === 0 && (raw.name === "null" || raw.name === "empty"))
    return { kind: raw.name };
  throw new RqlError(`"${raw?.source ?? ""}" is not a value`, expression);
}

function arity(raw: Extract<Raw, { t: "call" }>, count: number) {
  if (raw.args.length !== count)
    throw new RqlError(`${raw.name}() takes ${count} argument${count === 1 ? "" : "s"}`, raw.source);
}

function toNode(raw: Raw): RqlNode {
  if (raw.t !== "call") throw new RqlError(`"${raw.source}" is not an expression`, raw.source);
  const { name, args, source } = raw;
  if (name === "and" || name === "or") {
    if (args.length === 0) throw new RqlError(`${name}() needs at least one expression`, source);
    return { op: name, args: args.map(toNode) };
  }
  if (name === "not") {
    arity(raw, 1);
    return { op: "not", arg: toNode(args[0]!) };
  }
  if ((COMPARISONS as readonly string[]).includes(name) || name === "ilike") {
    arity(raw, 2);
    return {
      op: name as RqlNode["op"] & "eq",
      path: pathOf(args[0], source),
      value: valueFrom(args[1], source),
    };
  }
  if (name === "in" || name === "out") {
    arity(raw, 2);
    const list = args[1]!;
    const items = list.t === "group" ? list.items : [list];
    return { op: name, path: pathOf(args[0], source), values: items.map((item) => valueFrom(item, source)) };
  }
  if (name === "any" || name === "all") {
    arity(raw, 2);
    return { op: name, path: pathOf(args[0], source), where: toNode(args[1]!) };
  }
  throw new RqlError(`unknown operator ${name}()`, source);
}

/** One RQL expression, e.g. `and(eq(status,Processing),ilike(queue.name,*billing*))`. */
export function parseExpression(text: string): RqlNode {
  return toNode(new Reader(text).parseAll());
}

/** Splits on `&` outside quotes; percent-escapes are decoded per part, so an encoded `&` stays data. */
function splitParts(query: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let current = "";
  for (const char of query) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "&") {
      parts.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.filter((part) => part.length > 0);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new RqlError("is not valid percent-encoding", part);
  }
}

function count(name: "limit" | "offset", text: string): number {
  if (!/^[0-9]{1,9}$/.test(text)) throw new RqlError(`${name} must be a whole number`, `${name}=${text}`);
  return Number(text);
}

/** `+a,-b`: each property with its sign; a `+` sent unencoded arrives as a space and means the same. */
function signed(text: string, name: string): { path: string[]; sign: "+" | "-" }[] {
  return text
    .split(",")
    .filter((item) => item.trim().length > 0)
    .map((item) => {
      const match = /^\s*([+-]?)(.*)$/s.exec(item)!;
      const path = match[2]!;
      if (!PATH.test(path)) throw new RqlError(`"${path}" is not a property path`, `${name}=${text}`);
      return { path: path.split("."), sign: match[1] === "-" ? "-" : "+" };
    });
}

/** Parses the raw query string (without the `?`) of a list request. */
export function parseQuery(rawQuery: string): RqlQuery {
  const conditions: RqlNode[] = [];
  const query: RqlQuery = {
    where: null,
    order: [],
    select: { include: [], exclude: [] },
    limit: null,
    offset: null,
  };
  for (const part of splitParts(rawQuery).map(decode)) {
    const control = CONTROL.exec(part);
    if (control) {
      const [, name, value] = control as unknown as [string, "limit" | "offset" | "order" | "select", string];
      if (name === "limit" || name === "offset") query[name] = count(name, value);
      else if (name === "order")
        query.order = signed(value, name).map(
          ({ path, sign }): RqlOrder => ({
            path,
            direction: sign === "-" ? "desc" : "asc",
          }),
        );
      else
        for (const { path, sign } of signed(value, name))
          query.select[sign === "-" ? "exclude" : "include"].push(path);
      continue;
    }
    const shorthand = SHORTHAND.exec(part);
    if (shorthand) {
      const path = shorthand[1]!;
      if (!PATH.test(path)) throw new RqlError(`"${path}" is not a property path`, part);
      const text = shorthand[2]!;
      const quoted = /^(["']).*\1$/s.test(text) && text.length >= 2;
      const value: RqlValue =
        !quoted && (text === "null()" || text === "empty()")
          ? { kind: text === "null()" ? "null" : "empty" }
          : { kind: "text", text: quoted ? text.slice(1, -1) : text, quoted };
      conditions.push({ op: "eq", path: path.split("."), value });
      continue;
    }
    conditions.push(parseExpression(part));
  }
  if (conditions.length === 1) query.where = conditions[0]!;
  else if (conditions.length > 1) query.where = { op: "and", args: conditions };
  return query;
}
