/** The RQL parser: the platform's examples, clear errors, and properties over generated expressions. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { COMPARISONS, RqlError, type RqlNode, type RqlValue } from "./ast.ts";
import { parseExpression, parseQuery } from "./parse.ts";

const text = (value: string, quoted = false): RqlValue => ({ kind: "text", text: value, quoted });

describe("RQL parser", () => {
  test("parses the platform's documented forms", () => {
    assert.deepEqual(parseExpression('eq(queue.id,"HQU-1234-5678")'), {
      op: "eq",
      path: ["queue", "id"],
      value: text("HQU-1234-5678", true),
    });
    assert.deepEqual(parseExpression("and(in(status,(Processing,Querying)),not(eq(awaiting,true)))"), {
      op: "and",
      args: [
        { op: "in", path: ["status"], values: [text("Processing"), text("Querying")] },
        { op: "not", arg: { op: "eq", path: ["awaiting"], value: text("true") } },
      ],
    });
    assert.deepEqual(parseExpression("eq(assignee,null())"), {
      op: "eq",
      path: ["assignee"],
      value: { kind: "null" },
    });
    assert.deepEqual(parseExpression("ilike(queue.name,*bill\\*ing*)").op, "ilike");
    assert.deepEqual(parseExpression("any(parameters,eq(value,x))"), {
      op: "any",
      path: ["parameters"],
      where: { op: "eq", path: ["value"], value: text("x") },
    });
  });

  test("parses a whole query string: expressions, shorthand, order, select, limit, offset", () => {
    const query = parseQuery(
      "eq(status,Processing)&queue.id=HQU-0000-0001&order=-audit.created.at,+id&select=audit,-queue&limit=5&offset=10",
    );
    assert.deepEqual(query.where, {
      op: "and",
      args: [
        { op: "eq", path: ["status"], value: text("Processing") },
        { op: "eq", path: ["queue", "id"], value: text("HQU-0000-0001") },
      ],
    });
    assert.deepEqual(query.order, [
      { path: ["audit", "created", "at"], direction: "desc" },
      { path: ["id"], direction: "asc" },
    ]);
    assert.deepEqual(query.select, { include: [["audit"]], exclude: [["queue"]] });
    assert.equal(query.limit, 5);
    assert.equal(query.offset, 10);
    // Percent-encoded parts decode; an unencoded + in order is a space by the time it arrives.
    assert.deepEqual(parseQuery("eq(title,%22a%26b%22)&order=%2Bid").where, {
      op: "eq",
      path: ["title"],
      value: text("a&b", true),
    });
    assert.deepEqual(parseQuery("order= id").order, [{ path: ["id"], direction: "asc" }]);
    assert.deepEqual(parseQuery(""), {
      where: null,
      order: [],
      select: { include: [], exclude: [] },
      limit: null,
      offset: null,
    });
  });

  for (const [bad, fragment] of [
    ["eq(status", 'missing ")"'],
    ["eq(status,a,b)", "takes 2 arguments"],
    ["frob(status,a)", "unknown operator frob()"],
    ["eq(1status,a)", "not a property path"],
    ['eq("status",a)', "not a property path"],
    ["eq(status,'open)", "unterminated"],
    ["and()", "at least one"],
    ["not(a,b)", "takes 1 argument"],
    ["eq(a,b))", 'unexpected ")"'],
    ["status", "not an expression"],
    ["limit=ten", "whole number"],
    ["order=-a..b", "not a property path"],
    ["eq(a,%zz)", "percent-encoding"],
    [`${"not(".repeat(40)}eq(a,b)${")".repeat(40)}`, "nesting deeper"],
  ] as const)
    test(`refuses ${bad.slice(0, 30)} naming the fault`, () => {
      assert.throws(
        () => parseQuery(bad),
        (error: unknown) =>
          error instanceof RqlError && error.message.includes(fragment) && error.expression.length > 0,
      );
    });
});

const name = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,6}$/);
const path = fc.array(name, { minLength: 1, maxLength: 3 });
const value: fc.Arbitrary<RqlValue> = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => text(s, true)),
  fc.stringMatching(/^[A-Za-z0-9*_.:-]{1,8}$/).map((s) => text(s)),
  fc.constant<RqlValue>({ kind: "null" }),
  fc.constant<RqlValue>({ kind: "empty" }),
);
const { node } = fc.letrec<{ node: RqlNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.record({ op: fc.constantFrom(...COMPARISONS, "ilike" as const), path, value }),
    fc.record({
      op: fc.constantFrom("in" as const, "out" as const),
      path,
      values: fc.array(value, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      op: fc.constantFrom("and" as const, "or" as const),
      args: fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ op: fc.constant("not" as const), arg: tie("node") }),
    fc.record({ op: fc.constantFrom("any" as const, "all" as const), path, where: tie("node") }),
  ),
}));

/** Generated records have no prototype; the parser's objects do. */
const plain = (tree: RqlNode): RqlNode => JSON.parse(JSON.stringify(tree));

function print(value: RqlValue): string {
  if (value.kind !== "text") return `${value.kind}()`;
  return value.quoted ? `"${value.text.replace(/["\\]/g, "\\$&")}"` : value.text;
}
function write(n: RqlNode): string {
  switch (n.op) {
    case "and":
    case "or":
      return `${n.op}(${n.args.map(write).join(",")})`;
    case "not":
      return `not(${write(n.arg)})`;
    case "in":
    case "out":
      return `${n.op}(${n.path.join(".")},(${n.values.map(print).join(",")}))`;
    case "any":
    case "all":
      return `${n.op}(${n.path.join(".")},${write(n.where)})`;
    default:
      return `${n.op}(${n.path.join(".")},${print(n.value)})`;
  }
}

describe("RQL parser properties", () => {
  test("what is written from a tree parses back to the same tree", () => {
    fc.assert(fc.property(node, (tree) => assert.deepEqual(parseExpression(write(tree)), plain(tree))));
  });

  test("a percent-encoded expression parses as the plain one", () => {
    fc.assert(
      fc.property(node, (tree) => {
        const expression = write(tree);
        assert.deepEqual(parseQuery(encodeURIComponent(expression)).where, parseExpression(expression));
      }),
    );
  });

  test("any text either parses or fails with an RqlError, never anything else", () => {
    const alphabet = fc.constantFrom(..."eqnotandor(),'\"\\=&%+-.*_ab1".split(""));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: alphabet, maxLength: 60 })),
        (input) => {
          try {
            parseQuery(input);
          } catch (error) {
            assert.ok(error instanceof RqlError, String(error));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
