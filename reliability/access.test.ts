/**
 * The access matrix: every route of every dialect, called without a credential, with a bad, an expired and
 * an under-scoped one, from another workspace and as a client user. Each gets its 401/403/404 in the
 * dialect's error shape, nothing changes, and no response carries another workspace's data or hidden data.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import type { Scope } from "../src/domain/access.ts";
import { accessFixture, MARKERS } from "../test/access-fixture.ts";
import { DIALECTS, NOT_FOUND, type RouteSample } from "../test/dialects.ts";
import { fingerprint } from "../test/fingerprint.ts";

/** The code each refusal of the matrix must carry; a 404 is that of the record the route names. */
const refusal = (status: number, sample: RouteSample): string => {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  assert.ok(status === 404 && sample.names, `no refusal ${status} is expected of this route`);
  return NOT_FOUND[sample.names];
};

/** A key holding every scope but the one a route needs. */
const LACKING: Record<Scope, "reader" | "writer" | "readWrite"> = {
  "cases:read": "writer",
  "cases:write": "reader",
  admin: "readWrite",
};

for (const dialect of DIALECTS)
  describe(`access matrix: ${dialect.name}`, async () => {
    const { t, ids, keys } = await accessFixture();
    const samples = Object.entries(dialect.routes(ids)).map(([route, sample]) => ({
      route,
      method: route.split(" ")[0]!,
      ...sample,
    }));
    const guarded = samples.filter((s) => s.scope !== "public");
    const send = (sample: RouteSample & { method: string }, headers: Record<string, string>) =>
      t.app.inject({
        method: sample.method as "GET",
        url: sample.url,
        headers,
        ...(sample.payload === undefined ? {} : { payload: sample.payload as object }),
      });
    /** Sends, checks the expected status and shape, and that the body leaks none of `forbidden`. */
    const expect = async (
      sample: (typeof samples)[number],
      headers: Record<string, string>,
      status: number,
      forbidden: string[],
    ): Promise<LightMyRequestResponse> => {
      const res = await send(sample, headers);
      assert.equal(
        res.statusCode,
        status,
        `${sample.route} ${JSON.stringify(headers).slice(0, 60)}: ${res.body}`,
      );
      if (status >= 400) dialect.assertError(res, status, refusal(status, sample));
      for (const word of forbidden) assert.ok(!res.body.includes(word), `${sample.route} leaks ${word}`);
      return res;
    };

    test("every route the app serves under the prefix has a sample, and every sample a route", () => {
      const served = t.app.servedRoutes
        .filter((route) => route.path.startsWith(dialect.prefix))
        .map((route) => `${route.method} ${route.path}`)
        .filter((route) => !dialect.unsampled?.includes(route));
      assert.deepEqual(served.sort(), samples.map((s) => s.route).sort());
    });

    test("each credential form the dialect documents is accepted", async () => {
      const me = samples.find((s) => s.scope === null) ?? guarded.find((s) => s.method === "GET")!;
      for (const headers of dialect.credentials(keys.admin)) await expect(me, headers, 200, [MARKERS.theirs]);
    });

    test("no credential, a bad one or an expired one: 401 on every route, and nothing changes", async () => {
      const before = await fingerprint(t.db);
      for (const sample of guarded) {
        await expect(sample, {}, 401, [MARKERS.ours, MARKERS.theirs]);
        for (const headers of dialect.badCredentials(keys.admin))
          await expect(sample, headers, 401, [MARKERS.ours, MARKERS.theirs]);
        for (const headers of dialect.credentials(keys.expired))
          await expect(sample, headers, 401, [MARKERS.ours, MARKERS.theirs]);
      }
      assert.deepEqual(await fingerprint(t.db), before);
    });

    test("a valid credential without the route's scope: 403 on every scoped route, and nothing changes", async () => {
      const before = await fingerprint(t.db);
      for (const sample of guarded) {
        if (sample.scope === null || sample.scope === "public") continue;
        const [headers] = dialect.credentials(keys[LACKING[sample.scope]]);
        await expect(sample, headers!, 403, [MARKERS.ours, MARKERS.theirs]);
      }
      assert.deepEqual(await fingerprint(t.db), before);
    });

    test("another workspace's records are 404 on every route naming one; its lists hold none of ours", async () => {
      const before = await fingerprint(t.db);
      const [headers] = dialect.credentials(keys.other);
      for (const sample of guarded.filter((s) => s.names))
        await expect(sample, headers!, 404, [MARKERS.ours, MARKERS.hidden]);
      for (const sample of guarded.filter((s) => s.method === "GET" && !s.names)) {
        const res = await expect(sample, headers!, 200, [MARKERS.ours, MARKERS.hidden]);
        assert.ok(res.body.length > 0);
      }
      assert.deepEqual(await fingerprint(t.db), before);
      // And the other way round: our lists hold none of theirs.
      const [ours] = dialect.credentials(keys.admin);
      for (const sample of guarded.filter((s) => s.method === "GET"))
        await expect(sample, ours!, 200, [MARKERS.theirs]);
    });

    test("a client user: 403 on operations-only and admin routes, 404 on other accounts' cases, no hidden data", async () => {
      const before = await fingerprint(t.db);
      const [headers] = dialect.credentials(keys.client);
      const hidden = [MARKERS.hidden, MARKERS.theirs, '"awaiting"'];
      const ownCase = Object.entries(
        dialect.routes({ ...ids, case: ids.clientCase, entry: ids.clientEntry }),
      ).map(([route, sample]) => ({
        route,
        method: route.split(" ")[0]!,
        ...sample,
      }));
      for (const sample of ownCase) {
        if (sample.scope === "public") continue;
        if (sample.operationsOnly || sample.scope === "admin") await expect(sample, headers!, 403, hidden);
        else if (sample.method === "GET") {
          const res = await send(sample, headers!);
          assert.ok(res.statusCode === 200 || res.statusCode === 404, `${sample.route}: ${res.body}`);
          if (res.statusCode === 404) dialect.assertError(res, 404, refusal(404, sample));
          for (const word of hidden) assert.ok(!res.body.includes(word), `${sample.route} shows ${word}`);
        }
      }
      const theirCase = guarded.filter((s) => s.names === "case" && !s.operationsOnly);
      for (const sample of theirCase) await expect(sample, headers!, 404, hidden);
      assert.deepEqual(await fingerprint(t.db), before);
      // The client's own case is there for it, without what is hidden from it.
      const own = ownCase.find((s) => s.method === "GET" && s.names === "case")!;
      const res = await expect(own, headers!, 200, hidden);
      assert.match(res.body, new RegExp(MARKERS.ours));
    });
  });
