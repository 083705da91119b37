/**
 * Errors that tell the caller what to do, in every dialect's own shape: a prototype key is a forbidden
 * property named by its path, the 413 states the limit, a known path with another method is a 405 with
 * Allow, and an enum error lists the allowed values.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DIALECTS, type Dialect } from "../../test/dialects.ts";
import { buildTestApp } from "../../test/setup.ts";

const BODY_LIMIT = 4096;

/** Per dialect: a route that takes a body, a path and a method it does not serve there, and an enum mistake. */
const CASES: Record<
  string,
  {
    create: string;
    unsupported: { method: "PUT" | "DELETE" | "PATCH" | "POST"; url: string; allow: string };
    enumMistake: { method: "POST" | "PATCH"; url: string; payload: object; allowed: RegExp };
  }
> = {
  native: {
    create: "/api/v1/cases",
    unsupported: { method: "PUT", url: "/api/v1/cases/1", allow: "DELETE, GET, HEAD, PATCH" },
    enumMistake: {
      method: "POST",
      url: "/api/v1/cases",
      payload: { title: "Enum", priority: "hot" },
      allowed: /"low", "normal", "high", "urgent"/,
    },
  },
  khoros: {
    create: "/khoros/case",
    unsupported: { method: "DELETE", url: "/khoros/case", allow: "POST" },
    enumMistake: {
      method: "POST",
      url: "/khoros/case",
      payload: { customerId: "1", title: "Enum", status: "pending" },
      allowed: /"open", "closed"/,
    },
  },
  talkdesk: {
    create: "/cm/core/va/cases",
    unsupported: { method: "PUT", url: "/cm/core/va/cases", allow: "DELETE, GET, HEAD, POST" },
    enumMistake: {
      method: "POST",
      url: "/cm/core/va/cases",
      payload: { title: "Enum", description: "Enum", priority: "hot" },
      allowed: /LOW.*NORMAL.*HIGH.*URGENT/i,
    },
  },
  mpt: {
    create: "/public/v1/helpdesk/queues",
    unsupported: {
      method: "PATCH",
      url: "/public/v1/helpdesk/cases",
      allow: "GET, HEAD, POST",
    },
    enumMistake: {
      method: "POST",
      url: "/public/v1/helpdesk/chats/CHT-0000-0000-0001/messages",
      payload: { content: "Enum", visibility: "Secret" },
      allowed: /"Public", "Private"/,
    },
  },
};

describe("error texts that help", async () => {
  const t = await buildTestApp({ settings: { bodyLimit: BODY_LIMIT, corsOrigins: ["https://app.example"] } });

  const send = (dialect: Dialect, options: { method: string; url: string; payload?: string | object }) =>
    t.app.inject({
      method: options.method as "POST",
      url: options.url,
      headers: { ...dialect.credentials(t.key)[0], "content-type": "application/json" },
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });

  for (const dialect of DIALECTS) {
    const cases = CASES[dialect.name]!;

    test(`${dialect.name}: a __proto__ or constructor.prototype key is a forbidden property, named`, async () => {
      for (const [payload, field] of [
        ['{"title":"x","__proto__":{"isAdmin":true}}', "__proto__"],
        ['{"title":"x","tags":[{"__proto__":1}]}', "__proto__"],
        ['{"title":"x","constructor":{"prototype":{"isAdmin":true}}}', "constructor"],
      ] as const) {
        const res = await send(dialect, { method: "POST", url: cases.create, payload });
        dialect.assertError(res, 400, "validation_failed");
        assert.match(res.body, new RegExp(`${field}[^"]*"?[^]*forbidden property`), res.body);
        assert.doesNotMatch(res.body, /not valid JSON/);
      }
    });

    test(`${dialect.name}: a body over the limit is a 413 that states the limit in bytes`, async () => {
      const res = await send(dialect, {
        method: "POST",
        url: cases.create,
        payload: JSON.stringify({ title: "x".repeat(BODY_LIMIT) }),
      });
      dialect.assertError(res, 413, "payload_too_large");
      assert.match(res.body, new RegExp(`${BODY_LIMIT} bytes`));
    });

    test(`${dialect.name}: a known path with an unsupported method is a 405 with Allow`, async () => {
      const { method, url, allow } = cases.unsupported;
      const res = await send(dialect, { method, url });
      dialect.assertError(res, 405, "method_not_allowed");
      assert.equal(res.headers.allow, allow);
      assert.match(res.body, new RegExp(allow));
      const unknown = await send(dialect, { method: "GET", url: `${dialect.prefix}/no-such-thing` });
      dialect.assertError(unknown, 404, "route_not_found");
      assert.equal(unknown.headers.allow, undefined);
    });

    test(`${dialect.name}: a value outside an enum is refused with the allowed values listed`, async () => {
      const res = await send(dialect, cases.enumMistake);
      dialect.assertError(res, 400, "validation_failed");
      // The body's JSON escapes the quotes around each value.
      assert.match(res.body.replaceAll('\\"', '"'), cases.enumMistake.allowed);
    });
  }
});
