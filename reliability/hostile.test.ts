/**
 * Hostile input, property-based: thousands of generated requests per dialect (malformed JSON, wrong
 * content types, wrong types and nulls, huge and deeply nested values, unicode edge cases, SQL and RQL
 * injection, traversal in ids, oversized bodies). None is a 5xx; every error is in the dialect's shape;
 * a rejected request leaves the database exactly as it was.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { accessFixture } from "../test/access-fixture.ts";
import { DIALECTS, NOT_FOUND } from "../test/dialects.ts";
import { fingerprint } from "../test/fingerprint.ts";

const BODY_LIMIT = 1_048_576;

const INJECTIONS = [
  "'; drop table cases; --",
  "1' or '1'='1",
  '" or ""="',
  "1; select pg_sleep(10)",
  "$1",
  "\\",
  "%",
  "_",
  "' union select token_hash from api_keys --",
  "and(eq(id,1),ne(status,closed))",
  "select(*)&in(id,(1,2))",
  "eq(workspace_id,2)",
  "limit(1000000)",
  "../../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "$" + "{7*7}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "__proto__",
  "constructor",
];

const UNICODE_EDGES = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "\u202etxt.exe",
  "\u200b\u200c\u200d\ufeff",
  "\uffff\ufffe",
  "👩‍👩‍👧‍👦",
  `e${"\u0301".repeat(1000)}`,
  "İıß",
  "\r\n\t\u000b\u000c",
  "\u2028\u2029",
];

/** Values of a type no field of the sample bodies accepts (or beyond every length limit). */
const wrongValue = (base: unknown) =>
  fc.oneof(
    fc.constant(null),
    ...(typeof base === "boolean" ? [] : [fc.boolean()]),
    fc.array(fc.jsonValue(), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
    fc.integer({ min: 200_001, max: 400_000 }).map((n) => "x".repeat(n)),
    fc.integer({ min: 33, max: 300 }).map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`)),
    fc.integer({ min: 1000, max: 50_000 }).map((n) => Array.from({ length: n }, () => "a")),
  );

/** Strings that must be stored as data or refused, never run: injections, unicode edges, random text. */
const hostileString = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...UNICODE_EDGES),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
  fc.tuple(fc.constantFrom(...INJECTIONS), fc.constantFrom(...UNICODE_EDGES)).map(([a, b]) => a + b),
);

/** Every string anywhere in a JSON value. */
const stringsIn = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : value !== null && typeof value === "object"
      ? Object.values(value).flatMap(stringsIn)
      : [];

/** Percent-encodes every UTF-8 byte of `text` (encodeURIComponent throws on unpaired surrogates). */
const encodeBytes = (text: string) =>
  [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");

/** Path segments, already encoded, that are not an id: bytes that are no UTF-8, encoded traversal. */
const RAW_SEGMENTS = [
  "%ff",
  "%ed%a0%80",
  "%c3%28",
  "%00",
  "%2e%2e%2f%2e%2e%2f",
  "..%2F..%2F",
  "%",
  "%zz",
  "1%00",
  "1%20",
];

/** Path segments that are not an id: traversal, injection, encodings, out-of-range numbers. */
const hostileId = fc
  .oneof(
    fc.constantFrom(
      ...INJECTIONS,
      ...UNICODE_EDGES,
      "0",
      "-1",
      "1.5",
      "1e3",
      "0x10",
      "99999999999999999999",
      " 1",
    ),
    fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
  )
  .filter((id) => !/^[1-9][0-9]{0,15}$/.test(id));

/** A path segment in place of an id: a hostile string encoded byte by byte, or raw bad encodings. */
const segment = fc.oneof(hostileId.map(encodeBytes), fc.constantFrom(...RAW_SEGMENTS));

for (const dialect of DIALECTS)
  describe(`hostile input: ${dialect.name}`, async () => {
    const { t, ids, keys } = await accessFixture();
    const [auth] = dialect.credentials(keys.admin);
    const samples = Object.entries(dialect.routes(ids))
      .filter(([, sample]) => sample.scope !== "public")
      .map(([route, sample]) => ({
        route,
        method: route.split(" ")[0]! as "GET" | "POST" | "PATCH" | "DELETE",
        ...sample,
      }));
    const withBody = samples.filter((s) => s.payload !== undefined);
    const withId = samples.filter((s) => s.route.includes("/:"));
    const lists = samples.filter((s) => s.method === "GET" && !s.route.includes("/:"));
    let baseline = await fingerprint(t.db);

    /**
     * No 5xx; errors in the dialect's shape with one of the `codes` the case expects; a rejection changed
     * nothing (an acceptance moves the baseline).
     */
    async function judge(
      res: LightMyRequestResponse,
      what: string,
      mustReject: boolean,
      codes: readonly string[],
    ) {
      const before = baseline;
      // Taken before asserting, so after a failure fast-check's shrinking replays compare with the truth.
      baseline = await fingerprint(t.db);
      assert.ok(res.statusCode < 500, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (mustReject) assert.ok(res.statusCode >= 400, `${what} was accepted: ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400) {
        dialect.assertError(res, res.statusCode, codes);
        const changed = Object.keys(baseline).filter((key) => baseline[key] !== before[key]);
        assert.deepEqual(changed, [], `${what} was rejected (${res.statusCode}) but changed the database`);
      }
    }

    test("malformed JSON is a 400, whatever the route", async () => {
      const notJson = fc.oneof(
        fc.string({ maxLength: 200 }).filter((text) => {
          try {
            JSON.parse(text);
            return false;
          } catch {
            return true;
          }
        }),
        fc.constantFrom("{", '{"title": "x",}', "{'title': 'x'}", "[1,2", '{"a":NaN}', "// x\n{}"),
        fc.tuple(fc.constantFrom(...withBody), fc.nat()).map(([sample, cut]) => {
          const text = JSON.stringify(sample.payload);
          return text.slice(0, cut % text.length);
        }),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...withBody), notJson, async (sample, body) => {
          const res = await t.app.inject({
            method: sample.method,
            url: sample.url,
            headers: { ...auth, "content-type": "application/json" },
            payload: body,
          });
          // An empty body is no JSON document at all: the body is missing, which validation names.
          const codes = body === "" ? ["validation_failed"] : ["malformed_request"];
          await judge(res, `${sample.route} ${JSON.stringify(body).slice(0, 80)}`, true, codes);
        }),
        { numRuns: 200 },
      );
    });

    test("bodies that are not JSON or not UTF-8 are refused before anything runs", async () => {
      const contentType = fc.oneof(
        fc.constantFrom(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/jsonx",
          "text/json",
          "application/octet-stream",
        ),
        fc
          .string({ minLength: 1, maxLength: 30 })
          .filter((type) => !/json/i.test(type) && /^[\x21-\x7e]+$/.test(type)),
      );
      const invalidUtf8 = fc
        .tuple(
          fc.constantFrom(...withBody),
          fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]),
        )
        .map(([sample, bytes]) => {
          const text = JSON.stringify(sample.payload);
          const at = text.indexOf('"', 2) + 1;
          return {
            sample,
            bytes: Buffer.concat([
              Buffer.from(text.slice(0, at)),
              Buffer.from(bytes),
              Buffer.from(text.slice(at)),
            ]),
          };
        });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...withBody), contentType, async (sample, type) => {
          const res = await t.app.inject({
            method: sample.method,
            url: sample.url,
            headers: { ...auth, "content-type": type },
            payload: JSON.stringify(sample.payload),
          });
          await judge(res, `${sample.route} as ${type}`, true, ["unsupported_media_type"]);
        }),
        { numRuns: 100 },
      );
      await fc.assert(
        fc.asyncProperty(invalidUtf8, async ({ sample, bytes }) => {
          const res = await t.app.inject({
            method: sample.method,
            url: sample.url,
            headers: { ...auth, "content-type": "application/json" },
            payload: bytes,
          });
          await judge(res, `${sample.route} with invalid UTF-8`, true, ["malformed_request"]);
          assert.equal(res.statusCode, 400);
        }),
        { numRuns: 60 },
      );
    });

    test("a wrong type, a null, a huge or deeply nested value, or an unknown field in any body is a 4xx", async () => {
      const mutated = fc.constantFrom(...withBody).chain((sample) => {
        const base = sample.payload as Record<string, unknown>;
        const fields = Object.keys(base);
        return fc.oneof(
          fc
            .constantFrom(...fields)
            .chain((field) =>
              wrongValue(base[field]).map((value) => ({ sample, body: { ...base, [field]: value } })),
            ),
          fc
            .tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))
            .map(([key, value]) => ({ sample, body: { ...base, [`zz${key}`]: value } })),
          fc
            .jsonValue({ maxDepth: 3 })
            .filter((value) => value === null || typeof value !== "object" || Array.isArray(value))
            .map((body) => ({ sample, body })),
        );
      });
      await fc.assert(
        fc.asyncProperty(mutated, async ({ sample, body }) => {
          const res = await t.app.inject({
            method: sample.method,
            url: sample.url,
            headers: auth,
            payload: body as object,
          });
          // null is a legitimate value of a nullable field (it clears it); anything else here is refused.
          const clears = body !== null && typeof body === "object" && Object.values(body).includes(null);
          // A string body goes out as text, not JSON (an empty one is no body, which validation names);
          // nesting beyond the parser's depth is no document it reads.
          const codes =
            typeof body === "string" && body !== ""
              ? ["unsupported_media_type"]
              : ["validation_failed", "malformed_request"];
          await judge(res, `${sample.route} ${JSON.stringify(body).slice(0, 120)}`, !clears, codes);
        }),
        { numRuns: 450 },
      );
    });

    test("every route with a body says where what it stores is read back", () => {
      for (const sample of withBody) assert.notEqual(sample.readBack, undefined, sample.route);
    });

    test("injection strings and unicode edge cases are stored as data or refused, never run", async () => {
      const stringFields = withBody.flatMap((sample) =>
        Object.entries(sample.payload as Record<string, unknown>)
          .filter(([, value]) => typeof value === "string" && !/^\d+$/.test(value as string))
          .map(([field]) => ({ sample, field })),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...stringFields),
          hostileString,
          async ({ sample, field }, value) => {
            const body = { ...(sample.payload as object), [field]: value };
            const res = await t.app.inject({
              method: sample.method,
              url: sample.url,
              headers: auth,
              payload: body,
            });
            const what = `${sample.route} ${field}=${JSON.stringify(value).slice(0, 60)}`;
            await judge(
              res,
              what,
              // PostgreSQL text cannot hold NUL, and an unpaired surrogate is no Unicode at all.
              value.includes("\u0000") || /\p{Surrogate}/u.test(value),
              // An unpaired surrogate is refused by the JSON parser; creates repeat one sample body, so a
              // unique name or key is taken after the first success.
              /\p{Surrogate}/u.test(value) ? ["malformed_request"] : ["validation_failed", "duplicate"],
            );
            if (res.statusCode >= 300 || !sample.readBack) return;
            // Stored as data: the text comes back, as sent (or trimmed), where the record is read.
            const read = await t.app.inject({ method: "GET", url: sample.readBack(res), headers: auth });
            assert.equal(read.statusCode, 200, `${what}: read back ${read.body.slice(0, 200)}`);
            const strings = stringsIn(read.json());
            assert.ok(strings.includes(value) || strings.includes(value.trim()), `${what}: kept as data`);
          },
        ),
        { numRuns: 300 },
      );
    });

    test("ids that are not ids (traversal, injection, encodings) are a 4xx on every route naming one", async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...withId), segment, async (sample, id) => {
          // The segment in the place of the route's first path parameter.
          const at = sample.route
            .split(" ")[1]!
            .split("/")
            .findIndex((part) => part.startsWith(":"));
          const url = sample.url
            .split("/")
            .map((part, i) => (i === at ? id : part))
            .join("/");
          const res = await t.app.inject({
            method: sample.method,
            url,
            headers: auth,
            ...(sample.payload === undefined ? {} : { payload: sample.payload as object }),
          });
          // A segment that is no UTF-8 is a malformed request; one that decodes to another path, no route.
          const codes = [
            sample.names ? NOT_FOUND[sample.names] : "route_not_found",
            "route_not_found",
            "malformed_request",
          ];
          await judge(res, `${sample.route} as ${url}`, true, codes);
        }),
        { numRuns: 250 },
      );
    });

    test("hostile query strings on every list never fail the server nor change anything", {
      skip: lists.length === 0 && "the dialect has no list without a path parameter",
    }, async () => {
      const pair = fc.tuple(
        fc.oneof(
          fc.constantFrom(
            "q",
            "status",
            "limit",
            "cursor",
            "sort",
            "tag",
            "createdAfter",
            "object",
            "email",
            "and(eq(id,1))",
          ),
          fc.string({ maxLength: 12 }),
        ),
        fc.oneof(
          hostileString,
          fc.constantFrom("-1", "0", "1e309", "NaN", "999999999999999999999", ""),
          fc.string({ maxLength: 2000 }),
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...lists),
          fc.array(pair, { minLength: 1, maxLength: 4 }),
          async (sample, pairs) => {
            const query = pairs.map(([key, value]) => `${encodeBytes(key)}=${encodeBytes(value)}`).join("&");
            const res = await t.app.inject({ method: "GET", url: `${sample.url}?${query}`, headers: auth });
            await judge(res, `${sample.route}?${query.slice(0, 120)}`, false, ["validation_failed"]);
          },
        ),
        { numRuns: 200 },
      );
    });

    test("a body over the limit is a 413 before it is parsed, even when it is not JSON", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...withBody),
          fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 3 }),
          fc.boolean(),
          async (sample, size, json) => {
            const payload = json ? `{"title":"${"x".repeat(size)}"}` : "\u0000{".repeat(Math.ceil(size / 2));
            const res = await t.app.inject({
              method: sample.method,
              url: sample.url,
              headers: { ...auth, "content-type": "application/json" },
              payload,
            });
            await judge(res, `${sample.route} with ${size} bytes`, true, ["payload_too_large"]);
            assert.equal(res.statusCode, 413);
          },
        ),
        { numRuns: 20 },
      );
    });
  });
