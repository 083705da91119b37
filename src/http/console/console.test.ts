/** Console sign-in through the public surface: cookie, CSRF, sign-out, limits, and acting as the user. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { buildTestApp, type TestApp } from "../../../test/setup.ts";
import { ensureFirstAdmin } from "../../ops/console-admin.ts";
import { bootstrap } from "../../ops/workspaces.ts";

const ADMIN = { email: "lead@example.com", password: "correct horse battery" };

describe("console sessions", () => {
  let t: TestApp;
  const signIn = (body: Record<string, unknown>, ip = "10.0.0.1") =>
    t.app.inject({ method: "POST", url: "/console/session", payload: body, remoteAddress: ip });
  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    String(res.headers["set-cookie"]).split(";")[0]!;

  before(async () => {
    t = await buildTestApp();
    const { workspace } = await bootstrap(t.db, t.key);
    const first = await ensureFirstAdmin(t.db, workspace, ADMIN);
    assert.deepEqual(first, { email: ADMIN.email, password: null });
    assert.equal(await ensureFirstAdmin(t.db, workspace, ADMIN), null, "a restart changes nothing");
  });

  test("signing in sets an HttpOnly, SameSite=Lax cookie that acts as the user on the native API", async () => {
    const res = await signIn({ workspace: "default", ...ADMIN });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().email, ADMIN.email);
    assert.equal(res.json().role, "admin");
    const cookie = String(res.headers["set-cookie"]);
    assert.match(cookie, /^casework_session=[\w-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Max-Age=43200/);
    assert.doesNotMatch(cookie, /Secure/, "plain HTTP: no Secure flag");
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: cookieOf(res) } });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().email, ADMIN.email);
    assert.ok(me.json().can.includes("directory.manage"));
  });

  test("over TLS the cookie is Secure", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/console/session",
      payload: { workspace: "default", ...ADMIN },
      headers: { "x-forwarded-proto": "https" },
      remoteAddress: "10.0.0.2",
    });
    assert.equal(res.statusCode, 200);
    // Without a trusted proxy the protocol is the connection's; a public https URL sets Secure as well.
    assert.equal(typeof res.headers["set-cookie"], "string");
  });

  test("a cookie-signed write needs the CSRF header; with it the write goes through", async () => {
    const cookie = cookieOf(await signIn({ workspace: "default", ...ADMIN }));
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: { cookie },
      payload: { title: "From a forged form" },
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().code, "forbidden");
    assert.match(refused.json().detail, /x-casework-csrf/);
    const list = await t.request({ method: "GET", url: "/api/v1/cases?q=forged" });
    assert.deepEqual(list.json().data, [], "nothing was created");
    const made = await t.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: { cookie, "x-casework-csrf": "1" },
      payload: { title: "From the console" },
    });
    assert.equal(made.statusCode, 201, made.body);
    const history = await t.request({ method: "GET", url: `/api/v1/cases/${made.json().id}/history` });
    assert.equal(history.json().data[0].actor.label, ADMIN.email);
  });

  test("a wrong password is a 401 naming the password; the account is blocked after ten failures", async () => {
    const wrong = await signIn({ workspace: "default", email: ADMIN.email, password: "nope" }, "10.0.1.1");
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().code, "unauthenticated");
    assert.deepEqual(wrong.json().errors, [{ field: "password", message: "does not match the email" }]);
    assert.equal(wrong.headers["set-cookie"], undefined);
    const unknown = await signIn(
      { workspace: "default", email: "ghost@example.com", password: "x" },
      "10.0.1.1",
    );
    assert.equal(unknown.statusCode, 401);
    for (let i = 0; i < 9; i++)
      await signIn({ workspace: "default", email: ADMIN.email, password: `guess ${i}` }, `10.0.2.${i}`);
    const blocked = await signIn({ workspace: "default", ...ADMIN }, "10.0.3.1");
    assert.equal(blocked.statusCode, 429, "the right password from a new address is refused too");
    assert.equal(blocked.json().code, "rate_limited");
    assert.ok(Number(blocked.headers["retry-after"]) > 0);
  });

  test("failures from one address are limited across accounts", async () => {
    for (let i = 0; i < 30; i++)
      await signIn({ workspace: "default", email: `u${i}@example.com`, password: "x" }, "10.9.9.9");
    const blocked = await signIn(
      { workspace: "default", email: "other@example.com", password: "x" },
      "10.9.9.9",
    );
    assert.equal(blocked.statusCode, 429);
  });

  test("bad sign-in input is a 400 naming the field", async () => {
    const res = await signIn({ workspace: "default", email: ADMIN.email });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].field, "password");
  });

  test("an agent's session carries the agent's rights only; sign-out ends it", async () => {
    const user = await t.request({
      method: "POST",
      url: "/api/v1/users",
      payload: { email: "agent@example.com", name: "Agent", accountId: "1" },
    });
    assert.equal(user.statusCode, 201, user.body);
    const short = await t.request({
      method: "PUT",
      url: `/api/v1/users/${user.json().id}/password`,
      payload: { password: "short" },
    });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json().errors[0].field, "password");
    const set = await t.request({
      method: "PUT",
      url: `/api/v1/users/${user.json().id}/password`,
      payload: { password: "a long agent password", role: "agent" },
    });
    assert.equal(set.statusCode, 204, set.body);
    const session = await signIn(
      { workspace: "default", email: "AGENT@example.com", password: "a long agent password" },
      "10.0.4.1",
    );
    assert.equal(session.statusCode, 200, session.body);
    const cookie = cookieOf(session);
    const headers = { cookie, "x-casework-csrf": "1" };
    const keys = await t.app.inject({ method: "GET", url: "/api/v1/keys", headers });
    assert.equal(keys.statusCode, 403);
    const other = await t.app.inject({
      method: "PUT",
      url: `/api/v1/users/${user.json().id}/password`,
      headers,
      payload: { password: "taking it over now" },
    });
    assert.equal(other.statusCode, 403);
    const cases = await t.app.inject({ method: "GET", url: "/api/v1/cases", headers });
    assert.equal(cases.statusCode, 200);
    const noHeader = await t.app.inject({ method: "DELETE", url: "/console/session", headers: { cookie } });
    assert.equal(noHeader.statusCode, 403);
    const out = await t.app.inject({ method: "DELETE", url: "/console/session", headers });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers["set-cookie"]), /casework_session=;/);
    const after = await t.app.inject({ method: "GET", url: "/api/v1/me", headers });
    assert.equal(after.statusCode, 401);
  });

  test("a session expires after twelve hours", async () => {
    const cookie = cookieOf(await signIn({ workspace: "default", ...ADMIN }, "10.0.5.1"));
    t.clock.now = new Date(t.clock.now.getTime() + 12 * 3600_000 + 1000);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    assert.equal(me.statusCode, 401);
  });
});

describe("console addresses", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  test("case and contact links answer with the console; assets are served with long caching", async () => {
    for (const url of ["/w/default/cases/12", "/w/default/contacts/3", "/w", "/"]) {
      const page = await t.app.inject({ method: "GET", url });
      assert.equal(page.statusCode, 200, url);
      assert.match(String(page.headers["content-type"]), /^text\/html/);
      assert.match(String(page.headers["content-security-policy"]), /default-src 'self'/);
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
      assert.ok(script, "the page loads its script from this server");
      const asset = await t.app.inject({ method: "GET", url: script });
      assert.equal(asset.statusCode, 200);
      assert.match(String(asset.headers["cache-control"]), /immutable/);
    }
    const missing = await t.app.inject({ method: "GET", url: "/console/assets/nothing.js" });
    assert.equal(missing.statusCode, 404);
  });

  test("counts per status follow the filters and the access policy", async () => {
    for (const title of ["One", "Two", "Three"])
      await t.request({ method: "POST", url: "/api/v1/cases", payload: { title, priority: "high" } });
    await t.request({ method: "PATCH", url: "/api/v1/cases/1", payload: { status: "pending" } });
    const all = await t.request({ method: "GET", url: "/api/v1/cases/counts" });
    assert.equal(all.statusCode, 200, all.body);
    assert.deepEqual(all.json(), { new: 2, open: 0, pending: 1, on_hold: 0, resolved: 0, closed: 0 });
    const low = await t.request({ method: "GET", url: "/api/v1/cases/counts?priority=low" });
    assert.deepEqual(low.json(), { new: 0, open: 0, pending: 0, on_hold: 0, resolved: 0, closed: 0 });
    const bad = await t.request({ method: "GET", url: "/api/v1/cases/counts?priority=loud" });
    assert.equal(bad.statusCode, 400);
    const read = await t.request({ method: "GET", url: "/api/v1/cases/1" });
    assert.deepEqual(read.json().nextStatuses, ["new", "open", "on_hold", "resolved"]);
  });
});
