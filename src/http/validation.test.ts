import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Type } from "typebox";
import { fieldErrors, validatorCompiler } from "./validation.ts";

function errorsFor(schema: object, value: unknown, httpPart = "body") {
  const validate = validatorCompiler({ schema, httpPart, method: "POST", url: "/" }) as unknown as {
    (value: unknown): boolean;
    errors: never[];
  };
  assert.equal(validate(value), false);
  return fieldErrors(validate.errors, httpPart);
}

const Entry = Type.Object(
  { kind: Type.String(), body: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

describe("field errors", () => {
  test("a nullable field reports only what the value should have been", () => {
    const schema = Type.Object({ email: Type.Union([Type.String(), Type.Null()]) });
    assert.deepEqual(errorsFor(schema, { email: 5 }), [
      { path: ["email"], message: "must be string", in: "body" },
    ]);
  });

  test("a one-or-many body reports the errors of the shape that was sent", () => {
    const schema = Type.Union([Entry, Type.Array(Entry)]);
    assert.deepEqual(errorsFor(schema, { kind: "note", body: "" }), [
      { path: ["body"], message: "must NOT have fewer than 1 characters", in: "body" },
    ]);
    assert.deepEqual(errorsFor(schema, [{ kind: "note" }]), [
      { path: [0, "body"], message: "is required", in: "body" },
    ]);
  });

  test("unknown and missing properties are named; query fields say they are in the query string", () => {
    assert.deepEqual(errorsFor(Entry, { kind: "note", body: "x", extra: 1 }), [
      { path: ["extra"], message: "is not a known field", in: "body" },
    ]);
    const query = Type.Object({ limit: Type.Integer({ minimum: 1 }) });
    assert.deepEqual(errorsFor(query, { limit: 0 }, "querystring"), [
      { path: ["limit"], message: "must be >= 1", in: "querystring" },
    ]);
  });

  test("bodies are not coerced; query strings are", () => {
    const schema = Type.Object({ n: Type.Integer() });
    assert.deepEqual(errorsFor(schema, { n: "5" }), [
      { path: ["n"], message: "must be integer", in: "body" },
    ]);
    const validate = validatorCompiler({
      schema,
      httpPart: "querystring",
      method: "GET",
      url: "/",
    }) as unknown as (value: unknown) => boolean;
    const query = { n: "5" };
    assert.equal(validate(query), true);
    assert.deepEqual(query, { n: 5 });
  });
});
