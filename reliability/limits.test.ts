/**
 * Abuse limits: requests per credential and failed authentications per address (429 + Retry-After), the
 * body limit enforced before a byte is parsed, bounded request schemas, constant-time key comparison, and
 * a problem+json 503 for requests that reach a closing server.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { describe, test } from "node:test";
import { buildApp } from "../src/http/app.ts";
import { bootstrap } from "../src/ops/workspaces.ts";
import { fingerprint } from "../test/fingerprint.ts";
import { assertProblem } from "../test/native.ts";
import { buildTestApp, testDatabase } from "../test/setup.ts";

/**
 * Sends raw bytes over a socket and resolves with what the server answers: once it closes the connection,
 * or once it has been quiet for a moment after answering.
 */
function rawExchange(port: number, chunks: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    let quiet: NodeJS.Timeout | undefined;
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    socket.on("data", (data) => {
      answer += data.toString();
      clearTimeout(quiet);
      quiet = setTimeout(done, 300);
    });
    socket.on("error", (error) => (answer ? done() : reject(error)));
    socket.on("close", done);
    socket.on("connect", () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

describe("abuse limits", async () => {
  const t = await buildTestApp({ rateLimits: { perCredential: 5, authFailuresPerIp: 3, windowMs: 60_000 } });

  test("a credential over its budget gets 429 with Retry-After, changes nothing; other keys go on", async () => {
    const minted = await t.request({
      method: "POST",
      url: "/api/v1/keys",
      payload: { name: "busy", scopes: ["cases:read", "cases:write"] },
    });
    assert.equal(minted.statusCode, 201, minted.body);
    const busy = minted.json().key as string;
    for (let i = 0; i < 5; i++)
      assert.equal((await t.request({ method: "GET", url: "/api/v1/cases", key: busy })).statusCode, 200);
    const before = await fingerprint(t.db);
    const limited = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      key: busy,
      payload: { title: "one too many" },
    });
    assertProblem(limited, 429, "rate_limited");
    const retryAfter = Number(limited.headers["retry-after"]);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${limited.headers["retry-after"]}`);
    assert.deepEqual(await fingerprint(t.db), before);
    // The admin key has spent 1 of its 5 on minting; it is counted apart.
    assert.equal((await t.request({ method: "GET", url: "/api/v1/me" })).statusCode, 200);
  });

  test("failed authentications from one address get 429 after the budget; a valid key there still works", async () => {
    const from = { remoteAddress: "192.0.2.7" };
    for (let i = 0; i < 3; i++)
      assertProblem(
        await t.request({ method: "GET", url: "/api/v1/cases", key: `cw_guess_${i}`, ...from }),
        401,
        "unauthenticated",
      );
    const limited = await t.request({ method: "GET", url: "/api/v1/cases", key: "cw_guess_again", ...from });
    assertProblem(limited, 429, "rate_limited");
    assert.ok(Number(limited.headers["retry-after"]) >= 1);
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/cases", key: null, ...from }),
      429,
      "rate_limited",
    );
    // Another address is not affected.
    assertProblem(
      await t.request({ method: "GET", url: "/api/v1/cases", key: "cw_guess", remoteAddress: "192.0.2.8" }),
      401,
      "unauthenticated",
    );
    const key = await t.request({
      method: "POST",
      url: "/api/v1/keys",
      payload: { name: "fresh", scopes: ["cases:read"] },
    });
    assert.equal(
      (await t.request({ method: "GET", url: "/api/v1/cases", key: key.json().key, ...from })).statusCode,
      200,
    );
  });

  test("every string, array and map a documented request can carry has a size limit", async () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    const unbounded: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        unboundedIn(operation.requestBody?.content?.["application/json"]?.schema, `${where} body`, unbounded);
        // Path parameters are bounded by the router (Fastify's maxParamLength, 100): a longer one is no route.
        for (const parameter of operation.parameters ?? [])
          if (parameter.in !== "path")
            unboundedIn(parameter.schema, `${where} ${parameter.in} ${parameter.name}`, unbounded);
      }
    assert.deepEqual(unbounded, []);
  });

  test("API keys are compared in constant time: looked up by hash, the hash compared with timingSafeEqual", () => {
    const sources = files(new URL("../src", import.meta.url).pathname);
    const comparing = sources.filter((file) =>
      /token_?hash|tokenHash|hashKey\(/i.test(readFileSync(file, "utf8")),
    );
    for (const file of comparing) {
      const text = readFileSync(file, "utf8");
      // No secret or digest is ever compared with ===, !==, ==, != or Buffer.equals/compare.
      const lines = text.split("\n").filter((line) => /(secret|token|hash|digest|presented)/i.test(line));
      for (const line of lines)
        assert.doesNotMatch(
          line.replace(/\w+\.length\s*[!=<>]=*\s*\d+/g, ""),
          /[!=]==?|\.equals\(|\.compare\(|localeCompare/,
          `${file}: ${line.trim()}`,
        );
    }
    const credentials = readFileSync(new URL("../src/ops/credentials.ts", import.meta.url), "utf8");
    assert.match(credentials, /timingSafeEqual\(holder\.tokenHash, digest\)/);
    const keys = readFileSync(new URL("../src/store/keys.ts", import.meta.url), "utf8");
    assert.match(keys, /where k\.token_hash = \$1/, "the lookup is by the SHA-256 digest, never by the key");
  });
});

describe("request body limit and shutdown", async () => {
  const db = await testDatabase();
  const key = "cw_test_limit_key_0123456789abcdef";
  await bootstrap(db, key);
  const app = await buildApp({ db, bodyLimit: 1024 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as { port: number };
  const head = (framing: string) =>
    `POST /api/v1/cases HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${key}\r\ncontent-type: application/json\r\n${framing}\r\n\r\n`;

  test("a declared length over the limit is a 413 before any of the body is sent", async () => {
    const answer = await rawExchange(port, [head("content-length: 10000000")]);
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /content-type: application\/problem\+json/i);
    assert.match(answer, /"code":"payload_too_large"/);
  });

  test("a streamed body over the limit is a 413 though it is not JSON: the limit runs before the parser", async () => {
    const chunk = "\u0000not json at all ".repeat(64);
    const body = Array.from(
      { length: 4 },
      () => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`,
    ).join("");
    const answer = await rawExchange(port, [head("transfer-encoding: chunked"), body, "0\r\n\r\n"]);
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /"code":"payload_too_large"/);
    // The same bytes under the limit reach the parser, which refuses them as malformed.
    const under = chunk.slice(0, 500);
    const small = `${Buffer.byteLength(under).toString(16)}\r\n${under}\r\n0\r\n\r\n`;
    assert.match(
      await rawExchange(port, [head("transfer-encoding: chunked"), small]),
      /^HTTP\/1\.1 400 [\s\S]*malformed_request/,
    );
  });

  test("a request that reaches a closing server is a problem+json 503 with Retry-After", async () => {
    // A held table lock keeps one request in flight, so the server is still closing when the next arrives.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const blocker = db.transaction(async (tx) => {
      await tx.query("lock table api_keys in access exclusive mode");
      await held;
    });
    const keepAlive = connect(port, "127.0.0.1");
    await new Promise((resolve) => keepAlive.on("connect", resolve));
    const inFlight = rawExchange(port, [
      `GET /api/v1/me HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${key}\r\n\r\n`,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = new Promise<string>((resolve) => {
      let text = "";
      keepAlive.on("data", (data) => {
        text += data.toString();
        if (text.includes("service_unavailable")) resolve(text);
      });
      keepAlive.on("close", () => resolve(text));
    });
    keepAlive.write("GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n");
    const text = await answer;
    keepAlive.destroy();
    release();
    await blocker;
    assert.match(await inFlight, /^HTTP\/1\.1 200 /, "the request in flight finished");
    await closing;
    assert.match(text, /^HTTP\/1\.1 503 /);
    assert.match(text, /content-type: application\/problem\+json/i);
    assert.match(text, /retry-after: \d+/i);
    assert.match(text, /"code":"service_unavailable"/);
  });
});

interface Schema {
  type?: string | string[];
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { in: string; name: string; schema?: Schema }[];
}

/** Collects every string without a length bound, array without an item bound and map without a key bound. */
function unboundedIn(schema: Schema | undefined, path: string, found: string[], seen = new Set<Schema>()) {
  if (!schema || seen.has(schema)) return;
  seen.add(schema);
  const types = [schema.type ?? []].flat();
  const fixed = schema.enum || schema.const !== undefined || schema.format === "date-time" || schema.pattern;
  if (types.includes("string") && schema.maxLength === undefined && !fixed) found.push(`${path}: string`);
  if (types.includes("array") && schema.maxItems === undefined) found.push(`${path}: array`);
  if (typeof schema.additionalProperties === "object" && schema.maxProperties === undefined)
    found.push(`${path}: map`);
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    unboundedIn(child, `${path}.${key}`, found, seen);
  if (typeof schema.additionalProperties === "object")
    unboundedIn(schema.additionalProperties, `${path}.*`, found, seen);
  unboundedIn(schema.items, `${path}[]`, found, seen);
  for (const child of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    unboundedIn(child, path, found, seen);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}
